import {
  WEB_ASSETS_PATH,
  WEB_CACHE_CONTROL,
  WEB_COMPRESSIBLE_EXTENSIONS,
  WEB_CONTENT_SECURITY_POLICY,
  WEB_CONTENT_TYPES,
  WEB_HTML_HEADERS,
} from '@agora/contracts';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** A refusal the gateway writes as problem+json (its own `problem()`), with extra headers such as `Allow`. */
export type Refuse = (status: number, code: string, detail: string, headers?: OutgoingHttpHeaders) => void;

type Encoding = 'br' | 'gzip';

/** One file of the build, read once and kept (with its compressed forms) until its size or mtime changes. */
interface WebFile {
  readonly version: string;
  readonly body: Buffer;
  readonly extension: string;
  readonly lastModified: string;
  readonly encoded: Partial<Record<Encoding, Promise<Buffer | undefined>>>;
}

/** Longest decoded path served; a deep link of the app is far shorter. */
const MAX_PATH_LENGTH = 1024;
/** Files past this size (none in a Vite build) are not kept in memory, only refused as missing. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The web app's build (`dist/web`) as the Node gateway serves it at `/`, like nginx's `location /`: a file as it
 * is (hashed `assets/` cached for a year, everything else revalidated), a path without an extension that is no
 * file answered with `index.html` for the app's router, a missing file with an extension a 404 problem. Text
 * files are compressed once (brotli or gzip, as the client accepts) and kept.
 */
export class WebRoot {
  readonly root: string;
  private readonly files = new Map<string, WebFile>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async serve(req: IncomingMessage, res: ServerResponse, requestId: string, refuse: Refuse): Promise<void> {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(405, 'METHOD_NOT_ALLOWED', 'The web app answers GET and HEAD only', { allow: 'GET, HEAD' });
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0];
    const target = this.resolve(rawPath);
    if (target === 'too-long') {
      refuse(414, 'URI_TOO_LONG', `Paths of the web app are limited to ${MAX_PATH_LENGTH} characters`);
      return;
    }
    if (target === 'malformed') {
      refuse(400, 'BAD_REQUEST', 'The path is malformed');
      return;
    }
    const file = target.segments.length > 0 ? await this.read(target.file) : undefined;
    if (file) {
      const asset = `/${target.segments.join('/')}`.startsWith(WEB_ASSETS_PATH);
      await this.send(
        req,
        res,
        requestId,
        file,
        asset ? WEB_CACHE_CONTROL.assets : WEB_CACHE_CONTROL.revalidate,
      );
      return;
    }
    const last = target.segments.at(-1) ?? '';
    if (path.extname(last) !== '' || target.segments[0] === WEB_ASSETS_PATH.slice(1, -1)) {
      refuse(404, 'NOT_FOUND', 'No file at this path');
      return;
    }
    const index = await this.read(path.join(this.root, 'index.html'));
    if (!index) {
      refuse(
        503,
        'SERVICE_UNAVAILABLE',
        'The web app is not built: run `npm run build` (it writes dist/web), or set WEB_ROOT to a build',
      );
      return;
    }
    await this.send(req, res, requestId, index, WEB_CACHE_CONTROL.revalidate);
  }

  /**
   * The file a request path names under the root. Percent-decoded once; NUL, backslashes, dot segments and
   * hidden names (`.env`) are refused, and the joined path is checked to stay inside the root.
   */
  private resolve(rawPath: string): { file: string; segments: string[] } | 'malformed' | 'too-long' {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return 'malformed';
    }
    if (decoded.length > MAX_PATH_LENGTH) {
      return 'too-long';
    }
    if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) {
      return 'malformed';
    }
    const segments = decoded.split('/').filter((segment) => segment !== '');
    if (segments.some((segment) => segment.startsWith('.'))) {
      return 'malformed';
    }
    const file = path.join(this.root, ...segments);
    if (file !== this.root && !file.startsWith(`${this.root}${path.sep}`)) {
      return 'malformed';
    }
    return { file, segments };
  }

  /** The regular file at `file`, from memory while its size and mtime are unchanged; undefined if none. */
  private async read(file: string): Promise<WebFile | undefined> {
    try {
      const stats = await stat(file);
      if (!stats.isFile() || stats.size > MAX_FILE_BYTES) {
        return undefined;
      }
      const version = `${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}`;
      const known = this.files.get(file);
      if (known?.version === version) {
        return known;
      }
      const loaded: WebFile = {
        version,
        body: await readFile(file),
        extension: path.extname(file).slice(1).toLowerCase(),
        lastModified: stats.mtime.toUTCString(),
        encoded: {},
      };
      this.files.set(file, loaded);
      return loaded;
    } catch {
      // Missing, a name too long for the file system, unreadable: not a file of the app.
      return undefined;
    }
  }

  private async send(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    file: WebFile,
    cacheControl: string,
  ): Promise<void> {
    const compressible = WEB_COMPRESSIBLE_EXTENSIONS.includes(file.extension);
    const encoding = compressible ? preferredEncoding(req.headers['accept-encoding']) : undefined;
    const encoded = encoding ? await this.encode(file, encoding) : undefined;
    const body = encoded ?? file.body;
    const etag = `"${file.version}${encoded ? `-${encoding}` : ''}"`;
    const html = file.extension === 'html';
    const headers: OutgoingHttpHeaders = {
      'content-type': WEB_CONTENT_TYPES[file.extension] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag,
      'last-modified': file.lastModified,
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
      ...(compressible ? { vary: 'Accept-Encoding' } : {}),
      ...(html ? { 'content-security-policy': WEB_CONTENT_SECURITY_POLICY, ...WEB_HTML_HEADERS } : {}),
    };
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      ...(encoded ? { 'content-encoding': encoding } : {}),
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** The file compressed with `encoding`, once; undefined when that saves nothing. */
  private encode(file: WebFile, encoding: Encoding): Promise<Buffer | undefined> {
    file.encoded[encoding] ??= (
      encoding === 'br'
        ? brotli(file.body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: file.body.length,
            },
          })
        : gzip(file.body, { level: 9 })
    ).then(
      (compressed) => (compressed.length < file.body.length ? compressed : undefined),
      () => undefined,
    );
    return file.encoded[encoding];
  }
}

/** brotli, else gzip, when Accept-Encoding names it (or `*`) with a non-zero quality. */
export function preferredEncoding(header: string | undefined): Encoding | undefined {
  const qualities = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (name) {
      qualities.set(name, q ? Number(q.slice(2)) : 1);
    }
  }
  const quality = (name: Encoding): number => qualities.get(name) ?? qualities.get('*') ?? 0;
  return quality('br') > 0 ? 'br' : quality('gzip') > 0 ? 'gzip' : undefined;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
