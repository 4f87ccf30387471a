import {
  SESSION_REVOCATION_REASONS,
  type SessionRevokedV1,
  type UserDeletedV1,
  type UserRoleChangedV1,
} from '@agora/contracts';

/** The longest an access token may live (ACCESS_TOKEN_TTL_SECONDS is capped at this). */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

/**
 * A revocation event that does not fit its contract. Named `PoisonMessageError`, which the bus
 * (libs/messaging `deliverWithRetry`) dead-letters at once without retries; libs/auth does not import the
 * bus, so it marks the error by name.
 */
export class RevocationPayloadError extends Error {
  override readonly name = 'PoisonMessageError';
}

type Fields = Record<string, unknown>;

function objectOf(payload: unknown, topic: string): Fields {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new RevocationPayloadError(`${topic}: the payload is not an object`);
  }
  return payload as Fields;
}

function id(fields: Fields, name: string, topic: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new RevocationPayloadError(`${topic}: the payload lacks ${name}`);
  }
  return value;
}

function instant(fields: Fields, name: string, topic: string, optional = false): string | undefined {
  const value = fields[name];
  if (value === undefined && optional) {
    return undefined;
  }
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new RevocationPayloadError(`${topic}: ${name} is not an ISO date`);
  }
  return value;
}

export function parseSessionRevoked(payload: unknown): SessionRevokedV1 {
  const topic = 'auth.session.revoked.v1';
  const fields = objectOf(payload, topic);
  const sessionIds = fields.sessionIds;
  if (
    !Array.isArray(sessionIds) ||
    sessionIds.length === 0 ||
    sessionIds.length > 10_000 ||
    !sessionIds.every((value) => typeof value === 'string' && value.length > 0 && value.length <= 200)
  ) {
    throw new RevocationPayloadError(`${topic}: sessionIds must be a non-empty list of ids`);
  }
  const reason = fields.reason;
  if (!SESSION_REVOCATION_REASONS.includes(reason as SessionRevokedV1['reason'])) {
    throw new RevocationPayloadError(`${topic}: unknown reason`);
  }
  return {
    userId: id(fields, 'userId', topic),
    sessionIds: sessionIds as string[],
    reason: reason as SessionRevokedV1['reason'],
    revokedAt: instant(fields, 'revokedAt', topic)!,
    accessTokensExpireBy: instant(fields, 'accessTokensExpireBy', topic)!,
  };
}

/** The fields of a role change that revocation needs. */
export type RoleChangeRevocation = Pick<
  UserRoleChangedV1,
  'userId' | 'tokenVersion' | 'accessTokensExpireBy'
>;

export function parseRoleChanged(payload: unknown): RoleChangeRevocation {
  const topic = 'auth.user.role-changed.v1';
  const fields = objectOf(payload, topic);
  const tokenVersion = fields.tokenVersion;
  if (typeof tokenVersion !== 'number' || !Number.isSafeInteger(tokenVersion) || tokenVersion < 0) {
    throw new RevocationPayloadError(`${topic}: tokenVersion must be a non-negative integer`);
  }
  return {
    userId: id(fields, 'userId', topic),
    tokenVersion,
    accessTokensExpireBy: instant(fields, 'accessTokensExpireBy', topic)!,
  };
}

/** The fields of a deletion that revocation needs. */
export interface DeletionRevocation {
  readonly userId: string;
  readonly accessTokensExpireBy: string;
}

export function parseUserDeleted(payload: unknown): DeletionRevocation {
  const topic = 'auth.user.deleted.v1';
  const fields = objectOf(payload, topic);
  const deletedAt = instant(fields, 'deletedAt', topic)!;
  const expireBy: UserDeletedV1['accessTokensExpireBy'] = instant(
    fields,
    'accessTokensExpireBy',
    topic,
    true,
  );
  return {
    userId: id(fields, 'userId', topic),
    accessTokensExpireBy:
      expireBy ?? new Date(Date.parse(deletedAt) + MAX_ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
  };
}
