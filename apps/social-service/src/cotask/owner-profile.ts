import type { Tx } from '@agora/database';
import { SocialErrorCode, SocialException } from '../social.errors.js';

/**
 * Every CoTask row belongs to a profile (ADR 0022): before one is written, the owner's profile is locked against
 * deletion for the rest of `tx` (FOR KEY SHARE), or the write is refused with PROFILE_REQUIRED when the account has
 * none yet (its registration event still on the way) or any more.
 */
export async function lockOwnerProfile(tx: Tx, userId: string): Promise<void> {
  const rows = await tx.query<unknown[]>(`SELECT 1 FROM "social"."profiles" WHERE "id" = $1 FOR KEY SHARE`, [
    userId,
  ]);
  if (rows.length === 0) {
    throw new SocialException(
      SocialErrorCode.PROFILE_REQUIRED,
      'Your account has no profile yet: verify it first',
    );
  }
}
