import { isStaff, type AuthenticatedUser } from '@agora/auth';

/** The moderation policy: staff (moderators and admins) edit the catalog directly; everyone else proposes drafts. */
export const canModerate = (user: AuthenticatedUser): boolean => isStaff(user);
