import type { AuthenticatedUser } from './access-token.js';

export { isRole, ROLES, type Role } from '@agora/contracts';

/** Staff: moderators and admins, who moderate content and answer support. */
export const isStaff = (user: Pick<AuthenticatedUser, 'role'>): boolean =>
  user.role === 'moderator' || user.role === 'admin';
