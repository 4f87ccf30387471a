/** Cookie names of web sessions (httpOnly SameSite cookies instead of tokens in bodies). */
export const ACCESS_COOKIE = 'agora_access';
export const REFRESH_COOKIE = 'agora_refresh';
/** Readable by the page's script, which echoes it in CSRF_HEADER (double submit). */
export const CSRF_COOKIE = 'agora_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Double submit: the header must repeat the cookie; compared in constant time. */
export function csrfTokenMatches(cookie: string | undefined, header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!cookie || !value || cookie.length !== value.length) {
    return false;
  }
  let difference = 0;
  for (let index = 0; index < cookie.length; index += 1) {
    difference |= cookie.charCodeAt(index) ^ value.charCodeAt(index);
  }
  return difference === 0;
}
