import type { AuthenticatedUser } from '@agora/auth';

/** The caller a service method takes first, for unit tests: a user id with a role and a session. */
export const actingUser = (id: string, role: AuthenticatedUser['role'] = 'user'): AuthenticatedUser => ({
  id,
  role,
  sessionId: 's',
  tokenVersion: 0,
});
