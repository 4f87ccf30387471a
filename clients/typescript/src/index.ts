import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** The schemas of the API's bodies by name: `Schemas['CoffeeDto']`. */
export type Schemas = components['schemas'];

/** A client of the gateway's `/api`, typed from `openapi/agora.json`. */
export type AgoraClient = Client<paths>;

export interface AgoraClientOptions {
  /** The gateway's API root, e.g. `http://localhost:3000/api`. */
  readonly baseUrl: string;
  /** The access token to send as `Authorization: Bearer …`, read before each request. */
  readonly accessToken?: () => string | undefined;
  /** A fetch of your own (tests wrap it to check answers). */
  readonly fetch?: typeof globalThis.fetch;
}

function append(parts: string[], key: string, value: unknown): void {
  if (value === undefined || value === null) {
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item) => append(parts, key, item));
  } else if (value instanceof Date) {
    parts.push(`${key}=${encodeURIComponent(value.toISOString())}`);
  } else if (typeof value === 'object') {
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      append(parts, `${key}[${encodeURIComponent(name)}]`, inner);
    }
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
}

/**
 * The query string as the API reads it: objects as nested `deepObject` keys (`filter[name][ilike]=ann`),
 * which openapi-fetch's own serializer writes one level deep only; arrays as repeated keys.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    append(parts, encodeURIComponent(key), value);
  }
  return parts.join('&');
}

/**
 * A typed client: `const { data, error } = await client.GET('/coffees/{id}', { params: { path: { id } } })`.
 * `error` is the problem+json body (`code`, `detail`, `errors`) of a 4xx or 5xx.
 */
export function createAgoraClient(options: AgoraClientOptions): AgoraClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    querySerializer: serializeQuery,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { accessToken } = options;
  if (accessToken) {
    const bearer: Middleware = {
      onRequest({ request }) {
        const token = accessToken();
        if (token) {
          request.headers.set('authorization', `Bearer ${token}`);
        }
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
