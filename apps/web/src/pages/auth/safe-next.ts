/** The `?next=` path to return to after sign-in: only a path of this app (no other origin, no `//host`). */
export function safeNext(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next;
}
