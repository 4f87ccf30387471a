import { createAgoraClient, type AgoraClient } from '@agora/client';
import { currentLanguage } from '../i18n/i18n';
import { csrfToken } from './cookies';

/** The API's root on the page's own origin: the gateway (or the dev server's proxy) routes /api. */
export const API_BASE_URL = '/api';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let refreshing: Promise<boolean> | undefined;
let onSessionLost: () => void = () => undefined;

/** Called when a refresh fails: the session is over (logout elsewhere, revoked, expired). */
export function whenSessionLost(listener: () => void): void {
  onSessionLost = listener;
}

/** Renews the access cookie with the refresh cookie, once for every request that met a 401 at the same time. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch(`${API_BASE_URL}/refresh`, {
    method: 'POST',
    headers: withCsrf(new Headers({ 'content-type': 'application/json' })),
    body: '{}',
    credentials: 'same-origin',
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

function withCsrf(headers: Headers): Headers {
  const token = csrfToken();
  if (token) {
    headers.set('x-csrf-token', token);
  }
  return headers;
}

function isRefreshable(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return !['/refresh', '/authentication', '/logout'].some((end) => path.endsWith(end));
}

/**
 * The page's fetch for the generated client: cookies of the session, the UI's language, the CSRF token on every
 * state-changing request, and one transparent refresh when the access cookie has expired.
 */
export async function sessionFetch(input: Request): Promise<Response> {
  const send = (request: Request): Promise<Response> => {
    // Problems and catalog texts come back in the UI's language.
    request.headers.set('accept-language', currentLanguage());
    if (!SAFE_METHODS.has(request.method)) {
      withCsrf(request.headers);
    }
    return fetch(request, { credentials: 'same-origin' });
  };
  const retry = isRefreshable(input) ? input.clone() : undefined;
  const response = await send(input);
  if (response.status !== 401 || retry === undefined) {
    return response;
  }
  if (await refreshSession()) {
    return send(retry);
  }
  onSessionLost();
  return response;
}

/** The one typed client of the app: every call goes through it (no API shape written by hand). */
export const api: AgoraClient = createAgoraClient({
  baseUrl: API_BASE_URL,
  fetch: (input) => sessionFetch(input instanceof Request ? input : new Request(input)),
});

/** The If-Match value of a resource's `version` (its ETag), for conditional writes. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
