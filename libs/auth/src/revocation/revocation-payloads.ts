import type { UserDeletedV1, UserRoleChangedV1 } from '@agora/contracts';

/** The longest an access token may live (ACCESS_TOKEN_TTL_SECONDS is capped at this). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

/** The fields of a role change that revocation needs. */
export type RoleChangeRevocation = Pick<
  UserRoleChangedV1,
  'userId' | 'tokenVersion' | 'accessTokensExpireBy'
>;

/** The fields of a deletion that revocation needs. */
export interface DeletionRevocation {
  readonly userId: string;
  readonly accessTokensExpireBy: string;
}

/**
 * A deletion as revocation keeps it: until `accessTokensExpireBy`, or for the longest token lifetime when
 * the event has no horizon. The payload has passed its schema (the bus validates every message on receipt).
 */
export function deletionRevocation(payload: UserDeletedV1): DeletionRevocation {
  return {
    userId: payload.userId,
    accessTokensExpireBy:
      payload.accessTokensExpireBy ??
      new Date(Date.parse(payload.deletedAt) + MAX_ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}
