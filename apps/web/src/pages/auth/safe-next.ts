import { WEB_RETURN_PATH_PATTERN } from '@agora/contracts/web-return-path';

/**
 * The `?next=` path to return to after sign-in, by the services' own rule: a path of this app only (no other
 * origin, no `//host` or `/\host`, no control character that a URL parser would drop to make one).
 */
export function safeNext(next: string | null): string {
  return next !== null && WEB_RETURN_PATH_PATTERN.test(next) ? next : '/';
}
