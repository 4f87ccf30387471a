import { API_PREFIX, REALTIME_PATH } from './routes.js';

/**
 * The web app (apps/web's production build: `index.html` and content-hashed files under `assets/`) as both
 * gateways serve it at `/`: nginx (generated config) and the embedded Node gateway (`npm start`). Every path
 * outside `/api` and `/ws` is the app's: a file of the build as it is, any other path without a file extension
 * the app's `index.html` (its router draws the page), a missing file with an extension a 404 problem.
 */

/**
 * The web app's pages the services send people to: links in mails and the redirects that end a Google or
 * Yandex sign-in (apps/web's routes declare the same paths).
 */
export const WEB_PAGES = {
  home: '/',
  /** `?oauth=<code>`: a provider sign-in that failed, the code's message above the form. */
  signIn: '/sign-in',
  /** `?email=&code=`: the mailed code, confirmed at once. */
  verify: '/verify',
  /** `?token=`: the new-password form holding the mailed reset token. */
  recover: '/recover',
  /** `?provider=&token=`: an ACCOUNT_LINK_REQUIRED sign-in, finished with the existing account's password. */
  linkAccount: '/sign-in/link',
} as const;

export { WEB_RETURN_PATH_PATTERN } from './web-return-path.js';

/** Where the build keeps its content-hashed files: cached by browsers for a year, never revalidated. */
export const WEB_ASSETS_PATH = '/assets/';

export const WEB_CACHE_CONTROL = {
  /** A hashed file never changes under its name. */
  assets: 'public, max-age=31536000, immutable',
  /** `index.html`, deep links and unhashed files: kept, but checked (ETag / Last-Modified) before each use. */
  revalidate: 'no-cache',
} as const;

/**
 * The web app's Content-Security-Policy: Vite's build loads only its own scripts and styles (React may set
 * inline `style` attributes), images come from the API on the same origin, `data:` (inline SVG) or `blob:`
 * (previews of photos picked for upload); the API and the same-origin WebSocket are `connect-src 'self'`.
 * Same directives as the API's helmet CSP (libs/http/src/security-headers.ts), plus the page's own.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers on the app's HTML pages besides the CSP (the API's helmet sends the same values). */
export const WEB_HTML_HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
} as const;

/** Content types of the files a Vite build holds, by extension (nginx's `types` block and the Node gateway). */
export const WEB_CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
};

/** Extensions worth compressing (text); images and fonts are compressed already. */
export const WEB_COMPRESSIBLE_EXTENSIONS: readonly string[] = [
  'html',
  'js',
  'mjs',
  'css',
  'json',
  'map',
  'webmanifest',
  'txt',
  'svg',
];

/** Whether a path belongs to the services (`/api`, `/ws` and below), never to the web app. */
export function isServicePath(pathname: string): boolean {
  return [API_PREFIX, REALTIME_PATH].some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}
