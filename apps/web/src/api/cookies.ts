/** One readable cookie's value, or undefined. */
export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const entry = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return entry === undefined ? undefined : decodeURIComponent(entry.slice(prefix.length));
}

/**
 * The session's CSRF token from the readable cookie auth-service sets at a cookie sign-in
 * (`__Host-agora_csrf` when PUBLIC_URL is https, `agora_csrf` otherwise).
 */
export function csrfToken(): string | undefined {
  return readCookie('__Host-agora_csrf') ?? readCookie('agora_csrf');
}
