import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { Transactions } from '../database/transactions.js';
import { UsersRepository } from '../users/users.repository.js';

const BATCH = 500;

/**
 * Seed 001: accounts still unverified UNVERIFIED_TTL_HOURS after registering are deleted, each with an
 * `auth.user.deleted.v1` event. Runs at start and every PURGE_INTERVAL_SECONDS; replicas skip each
 * other's locked rows.
 */
@Injectable()
export class UnverifiedUsersPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const run = (): void => {
      this.running ??= this.purge()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'unverified-user purge failed');
          return 0;
        })
        .finally(() => {
          this.running = undefined;
        });
    };
    run();
    this.timer = setInterval(run, this.config.PURGE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every expired unverified account; returns how many. */
  async purge(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.transactions.run(async (manager) => {
        const ids = await this.users.deleteExpiredUnverified(
          manager,
          this.config.UNVERIFIED_TTL_HOURS,
          BATCH,
        );
        const deletedAt = new Date().toISOString();
        for (const id of ids) {
          await this.outbox.add(manager, Topics.UserDeleted, id, {
            userId: id,
            reason: 'unverified-expired',
            deletedAt,
            // An unverified account never signed in: there is no access token to revoke.
            accessTokensExpireBy: deletedAt,
          });
        }
        return ids.length;
      });
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      this.logger.info({ deleted: total }, 'unverified users purged');
    }
    return total;
  }
}
