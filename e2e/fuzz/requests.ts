import http from 'node:http';
import type { BodyPlan, FileData, RequestPlan, RoleName } from './generators.js';
import type { FuzzOperation } from './openapi.js';
import type { IdPools } from './pools.js';
import {
  CursorPick,
  JoinedValues,
  PoolPick,
  RawJson,
  RawSegment,
  serialize,
  type Resolved,
  type Template,
} from './values.js';

export interface ResolvedPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType?: string;
  readonly data: FileData;
}

export type ResolvedBody =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'json';
      readonly value: Resolved;
      readonly contentType?: string;
      readonly utf16?: boolean;
    }
  | { readonly kind: 'text'; readonly text: string; readonly contentType?: string }
  | {
      readonly kind: 'multipart';
      readonly parts: readonly ResolvedPart[];
      readonly boundary: string;
      readonly contentType?: string;
      readonly unterminated?: boolean;
    };

/** A request ready to send (and to shrink): every pick resolved to a concrete id or cursor. */
export interface FuzzRequest {
  readonly operation: FuzzOperation;
  readonly role: RoleName;
  readonly path: readonly (readonly [string, string])[];
  /** Path parameters sent as written, not percent-encoded. */
  readonly rawPath?: readonly string[];
  readonly query: readonly (readonly [string, string])[];
  readonly body: ResolvedBody;
  readonly label: string;
}

export interface FuzzResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
  /** The parsed body when it is JSON. */
  readonly json?: unknown;
  readonly requestId: string;
  readonly durationMs: number;
  readonly error?: string;
}

export interface ResolveContext {
  readonly pools: IdPools;
  /** Ids a request of this operation must not touch (the run's own accounts on destructive routes). */
  readonly protectedIds: (operation: FuzzOperation) => ReadonlySet<string>;
  readonly fallbackId: string;
  /** The role the request goes out as (picks prefer the ids its own requests were answered). */
  readonly role?: string;
}

function resolveTemplate(
  value: Template,
  context: ResolveContext,
  exclude: ReadonlySet<string>,
  path: Record<string, string>,
): Resolved {
  if (value instanceof PoolPick) {
    const hints = value.foreign ? ['any'] : [...value.hints.map((hint) => substitute(hint, path)), 'any'];
    return context.pools.pick(hints, value.index, exclude, context.role) ?? context.fallbackId;
  }
  if (value instanceof RawJson || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const items = (value as readonly Template[]).map((item) => resolveTemplate(item, context, exclude, path));
    // A list of picked ids is a set: two picks of one pool may land on the same id.
    return (value as readonly Template[]).length > 0 &&
      (value as readonly Template[]).every((item) => item instanceof PoolPick)
      ? [...new Set(items)]
      : items;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, Template>).map(([key, item]) => [
      key,
      resolveTemplate(item, context, exclude, path),
    ]),
  );
}

function substitute(hint: string, path: Readonly<Record<string, string>>): string {
  return hint.replace(/\{(\w+)\}/g, (whole, name: string) => path[name] ?? whole);
}

function asText(value: Resolved): string {
  if (value instanceof RawJson) {
    return value.text;
  }
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** A cursor as the pools keep it: the cursor and the query it was answered to (without paging). */
export interface SeenCursor {
  readonly cursor: string;
  readonly query: readonly (readonly [string, string])[];
}

/**
 * A seen cursor, sent as a client pages (the query it came with, then the cursor), or with one value inside
 * changed; undefined when the run has seen none (a valid plan then leaves the cursor out).
 */
function resolveCursor(
  pick: CursorPick,
  context: ResolveContext,
  path: Record<string, string>,
): SeenCursor | undefined {
  const stored = context.pools.pick(
    pick.hints.map((hint) => substitute(hint, path)),
    pick.index,
  );
  if (stored === undefined) {
    return pick.mutation
      ? {
          cursor: Buffer.from(JSON.stringify({ s: '-createdAt', v: [pick.mutation.value] })).toString(
            'base64url',
          ),
          query: [],
        }
      : undefined;
  }
  const seen = JSON.parse(stored) as SeenCursor;
  if (!pick.mutation) {
    return seen;
  }
  // Change one value inside a cursor the server made, keeping its encoding.
  try {
    const body = JSON.parse(Buffer.from(seen.cursor, 'base64url').toString('utf8')) as { v?: unknown[] };
    if (Array.isArray(body.v) && body.v.length > 0) {
      body.v[pick.mutation.slot % body.v.length] = pick.mutation.value;
      return { ...seen, cursor: Buffer.from(JSON.stringify(body)).toString('base64url') };
    }
  } catch {
    // Not base64url JSON: change the text instead.
  }
  return { ...seen, cursor: seen.cursor.slice(0, Math.floor(seen.cursor.length / 2)) + pick.mutation.value };
}

/** Resolves a plan's picks against the pools as they are now. */
export function resolvePlan(
  operation: FuzzOperation,
  plan: RequestPlan,
  context: ResolveContext,
): FuzzRequest {
  const scoped: ResolveContext = { ...context, role: plan.role };
  const exclude = scoped.protectedIds(operation);
  const path: Record<string, string> = {};
  const rawPath: string[] = [];
  for (const [name, value] of Object.entries(plan.path)) {
    if (value instanceof RawSegment) {
      path[name] = value.text;
      rawPath.push(name);
    } else {
      path[name] = asText(resolveTemplate(value, scoped, exclude, path));
    }
  }
  let pagedFrom: readonly (readonly [string, string])[] | undefined;
  const query = plan.query.flatMap(([key, value]): [string, string][] => {
    if (value instanceof CursorPick) {
      const seen = resolveCursor(value, scoped, path);
      // Another list's cursor keeps this request's query; this list's own comes with the query it was made for.
      if (seen && value.hints[0] !== 'cursor:*') {
        pagedFrom = seen.query;
      }
      return seen ? [[key, seen.cursor]] : [];
    }
    if (value instanceof JoinedValues) {
      return [
        [key, value.values.map((item) => asText(resolveTemplate(item, scoped, exclude, path))).join(',')],
      ];
    }
    return [[key, asText(resolveTemplate(value, scoped, exclude, path))]];
  });
  if (pagedFrom) {
    const paging = new Set(['sort', 'search', 'page', 'limit']);
    const own = query.filter(([key]) => !paging.has(key) && !key.startsWith('filter'));
    query.splice(0, query.length, ...pagedFrom.map(([key, value]): [string, string] => [key, value]), ...own);
  }
  const body = resolveBody(plan.body, scoped, exclude, path);
  return {
    operation,
    role: plan.role,
    path: Object.entries(path),
    ...(rawPath.length > 0 ? { rawPath } : {}),
    query,
    body,
    label: plan.label,
  };
}

function resolveBody(
  body: BodyPlan,
  context: ResolveContext,
  exclude: ReadonlySet<string>,
  path: Record<string, string>,
): ResolvedBody {
  switch (body.kind) {
    case 'json':
      return { ...body, value: resolveTemplate(body.value, context, exclude, path) };
    case 'none':
    case 'text':
    case 'multipart':
      return body;
  }
}

/** The request's URL below the gateway, e.g. `/api/coffees/<id>?filter%5Bname%5D=x`. */
export function urlOf(request: FuzzRequest): string {
  const values = Object.fromEntries(request.path);
  const pathname = request.operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    request.rawPath?.includes(name) ? (values[name] ?? '') : percentEncode(values[name] ?? '', ''),
  );
  if (request.query.length === 0) {
    return pathname;
  }
  const query = request.query.map(
    ([key, value]) => `${percentEncode(key, '[]')}=${percentEncode(value, '')}`,
  );
  return `${pathname}?${query.join('&')}`;
}

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate goes as U+FFFD, as browsers send it). */
function percentEncode(text: string, keep: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded +=
      /[A-Za-z0-9\-._~]/.test(character) || keep.includes(character)
        ? character
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export interface WireBody {
  readonly contentType?: string;
  readonly bytes?: Buffer;
}

/** The body's bytes and content type as they go on the wire. */
export function wireBody(body: ResolvedBody, images: readonly Buffer[], pixelFlood: Buffer): WireBody {
  switch (body.kind) {
    case 'none':
      return {};
    case 'text':
      return { contentType: body.contentType, bytes: Buffer.from(body.text, 'utf8') };
    case 'json': {
      const text = serialize(body.value);
      return {
        contentType: body.contentType ?? 'application/json',
        bytes: Buffer.from(text, body.utf16 ? 'utf16le' : 'utf8'),
      };
    }
    case 'multipart': {
      const chunks: Buffer[] = [];
      for (const part of body.parts) {
        const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
        chunks.push(
          Buffer.from(
            `--${body.boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`,
          ),
          fileBytes(part.data, images, pixelFlood),
          Buffer.from('\r\n'),
        );
      }
      if (!body.unterminated) {
        chunks.push(Buffer.from(`--${body.boundary}--\r\n`));
      }
      return {
        contentType: body.contentType ?? `multipart/form-data; boundary=${body.boundary}`,
        bytes: Buffer.concat(chunks),
      };
    }
  }
}

function fileBytes(data: FileData, images: readonly Buffer[], pixelFlood: Buffer): Buffer {
  switch (data.kind) {
    case 'image':
      return images[data.index % images.length];
    case 'truncated-image':
      return images[data.index % images.length].subarray(0, data.keep);
    case 'pixel-flood':
      return pixelFlood;
    case 'text':
      return Buffer.from(data.text, 'utf8');
  }
}

export interface SendContext {
  readonly gatewayUrl: string;
  readonly tokens: Readonly<Record<RoleName, string | undefined>>;
  readonly images: readonly Buffer[];
  readonly pixelFlood: Buffer;
  readonly timeoutMs: number;
  /** Keep-alive connections for ordinary requests. */
  readonly agent: http.Agent;
}

/** Bodies past this go on a connection of their own, closed afterwards, so a refusal that leaves unread bytes
 * behind cannot stall the requests that would have reused the connection. */
const OWN_CONNECTION_BYTES = 512 * 1024;

/** Sends one request through the gateway (node:http, so paths and bodies go out exactly as built). */
export function send(request: FuzzRequest, requestId: string, context: SendContext): Promise<FuzzResponse> {
  const wire = wireBody(request.body, context.images, context.pixelFlood);
  const token = context.tokens[request.role];
  const ownConnection = (wire.bytes?.length ?? 0) > OWN_CONNECTION_BYTES;
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (token) {
    headers.authorization = `Bearer ${token}`;
  }
  if (wire.contentType !== undefined) {
    headers['content-type'] = wire.contentType;
  }
  if (wire.bytes) {
    headers['content-length'] = String(wire.bytes.length);
  }
  if (ownConnection) {
    headers.connection = 'close';
  }
  const url = new URL(context.gatewayUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const fail = (error: Error & { code?: string }) =>
      resolve({
        status: 0,
        contentType: null,
        text: '',
        requestId,
        durationMs: performance.now() - started,
        error: `${error.code ?? error.name}: ${error.message}`,
      });
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.operation.method,
        path: urlOf(request),
        headers,
        agent: ownConnection ? false : context.agent,
        timeout: context.timeoutMs,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = incoming.headers['content-type'] ?? null;
          let json: unknown;
          if (text.length > 0 && /json/i.test(contentType ?? '')) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({
            status: incoming.statusCode ?? 0,
            contentType,
            text,
            ...(json !== undefined ? { json } : {}),
            requestId,
            durationMs: performance.now() - started,
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(Object.assign(new Error(`no answer in ${context.timeoutMs} ms`), { code: 'TIMEOUT' })),
    );
    outgoing.on('error', fail);
    outgoing.end(wire.bytes);
  });
}
