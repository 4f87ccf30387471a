import { SERVICE_NAMES, type ServiceName } from '../services.js';

/**
 * The gateway's route table: nginx (`nginx/nginx.conf`, generated) and the embedded Node gateway both
 * read it. A request whose path equals `path`, or starts with `path` + '/', goes to `service` with
 * `path` replaced by `target`. Singular forms from seed 001 (`/api/product/:id`) are rewritten to the
 * services' plural routes (`/products/:id`).
 */
export interface GatewayRoute {
  readonly path: string;
  readonly service: ServiceName;
  readonly target: string;
  /** Upgrade to WebSocket (Socket.IO) on this path. */
  readonly websocket?: boolean;
  /**
   * `upload`: POST to exactly this path takes upload-size bodies (the collection route of uploads); every
   * other method and every path below it takes JSON-size bodies, as when absent.
   */
  readonly body?: BodyClass;
  /** nginx's per-address rate zone for this path (besides the general `api` zone). */
  readonly rateZone?: CostlyRateZone;
  /** Only this exact path, nothing below it (seed 001's `DELETE /cart/` with its trailing slash). */
  readonly exact?: boolean;
}

/**
 * nginx's per-address request rates: `api` for every route, and a stricter zone for each kind of costly
 * route. They stop floods at the edge; the services keep their own finer limits (per e-mail, per account).
 * `methods` limits a zone to those methods (uploads: POST only); every method when absent.
 */
export const GATEWAY_RATE_ZONES = {
  api: { rate: '100r/s', burst: 200 },
  mail: { rate: '10r/m', burst: 10, note: 'mail-sending routes: registration, verification, recovery' },
  signIn: { rate: '30r/m', burst: 20, note: 'password checks and token exchanges' },
  search: { rate: '20r/s', burst: 40, note: 'catalog search' },
  upload: { rate: '30r/m', burst: 10, methods: ['POST'], note: 'image uploads' },
  payments: {
    rate: '20r/s',
    burst: 50,
    note: "payment provider webhooks and the test provider's card tokens",
  },
} as const satisfies Record<string, GatewayRateZone>;

export interface GatewayRateZone {
  /** nginx's `rate`, e.g. `10r/m`. */
  readonly rate: string;
  readonly burst: number;
  readonly methods?: readonly string[];
  readonly note?: string;
}
export type RateZoneName = keyof typeof GATEWAY_RATE_ZONES;
export type CostlyRateZone = Exclude<RateZoneName, 'api'>;

/**
 * The largest request body of each route class, in bytes: nginx, the Node gateway and the services all
 * answer 413 past it. JSON routes take 1 MiB; uploads (media-service) 25 MiB, within which
 * MEDIA_MAX_BYTES sets the file's own limit.
 */
export const BODY_LIMITS = { json: 1_048_576, upload: 26_214_400 } as const;
export type BodyClass = keyof typeof BODY_LIMITS;

/** The largest body a request to the route takes: uploads only by POST to its exact path. */
export function bodyLimitOf(route: Pick<GatewayRoute, 'body'>, exactPath = true, method = 'POST'): number {
  return route.body === 'upload' && exactPath && method.toUpperCase() === 'POST'
    ? BODY_LIMITS.upload
    : BODY_LIMITS.json;
}

export const API_PREFIX = '/api';
/** social-service's Socket.IO endpoint: the same path on the gateway and on the service. */
export const REALTIME_PATH = '/ws';

const route = (path: string, service: ServiceName, target: string): GatewayRoute => ({
  path: `${API_PREFIX}${path}`,
  service,
  target,
});

export const GATEWAY_ROUTES: readonly GatewayRoute[] = [
  // auth-service: seed 001 users-management and JWT routes
  { ...route('/registration', 'auth', '/registration'), rateZone: 'mail' },
  { ...route('/authentication', 'auth', '/authentication'), rateZone: 'signIn' },
  { ...route('/verification', 'auth', '/verification'), rateZone: 'mail' },
  { ...route('/access', 'auth', '/access'), rateZone: 'signIn' },
  { ...route('/refresh', 'auth', '/refresh'), rateZone: 'signIn' },
  route('/logout', 'auth', '/logout'),
  // social-service's parts of the caller's own space, before auth's `/me` (the first matching route wins)
  route('/me/following', 'social', '/me/following'),
  route('/me/follow-requests', 'social', '/me/follow-requests'),
  route('/me/blocks', 'social', '/me/blocks'),
  route('/me/mutes', 'social', '/me/mutes'),
  route('/me/relationships', 'social', '/me/relationships'),
  // order-service's part of the caller's own space, before auth's `/me` too
  route('/me/favourites', 'order', '/me/favourites'),
  // catalog-service's part: issue 17 wishlist and "had it" lists of catalog items
  route('/me/wishlist', 'catalog', '/me/wishlist'),
  route('/me/had', 'catalog', '/me/had'),
  route('/me', 'auth', '/me'),
  { ...route('/password', 'auth', '/password'), rateZone: 'mail' },
  route('/users', 'auth', '/users'),
  route('/user', 'auth', '/users'),
  { ...route('/auth', 'auth', '/auth'), rateZone: 'signIn' },
  route('/.well-known', 'auth', '/.well-known'),
  // social-service
  route('/profiles', 'social', '/profiles'),
  route('/posts', 'social', '/posts'),
  route('/feed', 'social', '/feed'),
  route('/chats', 'social', '/chats'),
  route('/items', 'social', '/items'),
  route('/support', 'social', '/support'),
  route('/notifications', 'social', '/notifications'),
  // social-service's CoTask (ADR 0022)
  route('/goals', 'social', '/goals'),
  route('/habits', 'social', '/habits'),
  route('/decks', 'social', '/decks'),
  route('/cards', 'social', '/cards'),
  route('/projects', 'social', '/projects'),
  route('/tasks', 'social', '/tasks'),
  { path: REALTIME_PATH, service: 'social', target: REALTIME_PATH, websocket: true },
  // media-service
  { ...route('/media', 'media', '/media'), body: 'upload', rateZone: 'upload' },
  // catalog-service: seed 000 coffees and dictionaries, seed 001 categories and products
  route('/coffees', 'catalog', '/coffees'),
  route('/coffee', 'catalog', '/coffees'),
  route('/dictionaries', 'catalog', '/dictionaries'),
  route('/drafts', 'catalog', '/drafts'),
  { ...route('/search', 'catalog', '/search'), rateZone: 'search' },
  // catalog-service: seed 002 watches, mechanisms and collections
  route('/watches', 'catalog', '/watches'),
  route('/watch', 'catalog', '/watches'),
  route('/mechanisms', 'catalog', '/mechanisms'),
  route('/mechanism', 'catalog', '/mechanisms'),
  route('/collection', 'catalog', '/collection'),
  route('/collections', 'catalog', '/collections'),
  route('/categories', 'catalog', '/categories'),
  route('/category', 'catalog', '/categories'),
  route('/products', 'catalog', '/products'),
  route('/product', 'catalog', '/products'),
  route('/info', 'catalog', '/info'),
  // catalog-service: seed 003 marketplace listings
  route('/listings', 'catalog', '/listings'),
  route('/listing', 'catalog', '/listings'),
  route('/reviews', 'catalog', '/reviews'),
  // catalog-service: issue 17 check-ins and the comments under them
  route('/checkins', 'catalog', '/checkins'),
  route('/comments', 'catalog', '/comments'),
  // catalog-service: issue 17 importer robot (admins)
  route('/admin/imports', 'catalog', '/admin/imports'),
  // catalog-service: issue 17 tag cloud over check-ins
  route('/tags', 'catalog', '/tags'),
  // order-service: seed 001 orders and cart
  route('/orders', 'order', '/orders'),
  route('/order', 'order', '/orders'),
  // Seed 001 writes `DELETE /cart/` with a trailing slash: the services' routers do not take one.
  { ...route('/cart/', 'order', '/cart'), exact: true },
  route('/cart', 'order', '/cart'),
  route('/addresses', 'order', '/addresses'),
  // order-service: seed 003 becoming a seller, reports on sellers
  route('/sellers', 'order', '/sellers'),
  route('/seller-reports', 'order', '/seller-reports'),
  // order-service: payments (the provider's webhooks, the test provider's card tokens) and saved methods
  { ...route('/payments', 'order', '/payments'), rateZone: 'payments' },
  route('/payment-methods', 'order', '/payment-methods'),
];

/** Where the gateway serves a media variant's file (media-service's `GET /media/:id/:variant.webp`). */
export function mediaFileUrl(mediaId: string, variant: string): string {
  return `${API_PREFIX}/media/${mediaId}/${variant}.webp`;
}

/** `GET /api/health`: 200 only when every service's `/health/ready` is. */
export const GATEWAY_HEALTH_PATH = `${API_PREFIX}/health`;
/** One Swagger UI over the five specs; each spec at `/api/docs/<service>.json`. */
export const GATEWAY_DOCS_PATH = `${API_PREFIX}/docs`;
/** The service that serves the merged Swagger UI page and its assets. */
export const GATEWAY_DOCS_SERVICE: ServiceName = 'auth';
/** Where every service serves the merged UI (whose spec URLs point at the gateway). */
export const SERVICE_GATEWAY_DOCS_PATH = '/gateway-docs';
export const SERVICE_DOCS_PATH = '/docs';
export const SERVICE_DOCS_JSON_PATH = '/docs-json';

export function gatewaySpecPath(service: ServiceName): string {
  return `${GATEWAY_DOCS_PATH}/${service}.json`;
}

export const GATEWAY_SPECS: readonly { name: ServiceName; url: string }[] = SERVICE_NAMES.map((name) => ({
  name,
  url: gatewaySpecPath(name),
}));

export interface ResolvedRoute {
  readonly service: ServiceName;
  /** Path and query string to send to the service. */
  readonly url: string;
  readonly websocket: boolean;
  /** The largest body the route takes (BODY_LIMITS). */
  readonly bodyLimit: number;
}

/** Resolves a public URL the way nginx's generated locations do; undefined when nothing matches. */
export function resolveGatewayRoute(url: string, method = 'GET'): ResolvedRoute | undefined {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  for (const service of SERVICE_NAMES) {
    if (pathname === gatewaySpecPath(service)) {
      return { service, url: SERVICE_DOCS_JSON_PATH + query, websocket: false, bodyLimit: BODY_LIMITS.json };
    }
  }
  if (pathname === GATEWAY_DOCS_PATH || pathname.startsWith(`${GATEWAY_DOCS_PATH}/`)) {
    const rest = pathname.slice(GATEWAY_DOCS_PATH.length);
    return {
      service: GATEWAY_DOCS_SERVICE,
      url: SERVICE_GATEWAY_DOCS_PATH + rest + query,
      websocket: false,
      bodyLimit: BODY_LIMITS.json,
    };
  }
  for (const candidate of GATEWAY_ROUTES) {
    if (pathname === candidate.path || (!candidate.exact && pathname.startsWith(`${candidate.path}/`))) {
      const rest = pathname.slice(candidate.path.length);
      return {
        service: candidate.service,
        url: candidate.target + rest + query,
        websocket: !!candidate.websocket,
        bodyLimit: bodyLimitOf(candidate, rest === '', method),
      };
    }
  }
  return undefined;
}
