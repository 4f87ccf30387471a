import { ServiceConfig } from '@agora/config';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthenticatedUser } from '../access-token.js';
import type { DeletionRevocation, RoleChangeRevocation } from './revocation-payloads.js';
import { createRevocationStore, type RevocationStore } from './revocation-store.js';
import type { SessionRevokedV1 } from '@agora/contracts';

/** Every token version is below this: a deleted user's tokens are all revoked. */
const ALL_VERSIONS = Number.MAX_SAFE_INTEGER;

/** Nest token of the service's RevocationStore. */
export const REVOCATION_STORE = Symbol('agora.revocation-store');

export function revocationStoreProvider() {
  return {
    provide: REVOCATION_STORE,
    inject: [ServiceConfig],
    useFactory: (config: ServiceConfig): RevocationStore =>
      createRevocationStore(config.REDIS_URL, config.REDIS_KEY_PREFIX),
  };
}

/**
 * The access tokens this service refuses before they expire: sessions ended (logout, refresh-token
 * reuse, password change or reset), users whose role changed (tokens below their new version) and
 * deleted users (every token). Fed by auth-service's events; checked by the access-token guards.
 */
@Injectable()
export class RevocationList implements OnApplicationShutdown {
  constructor(@Inject(REVOCATION_STORE) private readonly store: RevocationStore) {}

  isRevoked(user: AuthenticatedUser): Promise<boolean> {
    return this.store.isRevoked({
      userId: user.id,
      sessionId: user.sessionId,
      tokenVersion: user.tokenVersion,
    });
  }

  async sessionsRevoked(event: SessionRevokedV1): Promise<void> {
    await this.store.revokeSessions(event.sessionIds, Date.parse(event.accessTokensExpireBy));
  }

  async roleChanged(event: RoleChangeRevocation): Promise<void> {
    await this.store.revokeTokensBelow(
      event.userId,
      event.tokenVersion,
      Date.parse(event.accessTokensExpireBy),
    );
  }

  async userDeleted(event: DeletionRevocation): Promise<void> {
    await this.store.revokeTokensBelow(event.userId, ALL_VERSIONS, Date.parse(event.accessTokensExpireBy));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
