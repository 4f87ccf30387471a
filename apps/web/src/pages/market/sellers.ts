import type { Account } from '../../api/session';

/** Who may create listings: sellers for themselves, moderators and admins (catalog's rule). */
export function canSell(account: Account | null | undefined): boolean {
  return account?.role === 'seller' || account?.role === 'moderator' || account?.role === 'admin';
}
