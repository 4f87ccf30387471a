import type { AuthenticatedUser, Role } from '@agora/auth';

const MODERATING_ROLES: readonly Role[] = ['moderator', 'admin'];

/** The moderation policy: moderators and admins edit the catalog directly; everyone else proposes drafts. */
export const canModerate = (user: AuthenticatedUser): boolean => MODERATING_ROLES.includes(user.role);
