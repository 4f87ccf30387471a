import { Topics } from '@agora/contracts';
import { OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { UnitOfWork } from '@agora/database';
import { UsersRepository } from '../users/users.repository.js';

const BATCH = 500;

/**
 * Seed 001: accounts still unverified UNVERIFIED_TTL_HOURS after registering are deleted, each with an
 * `auth.user.deleted.v1` event. Runs at start and every PURGE_INTERVAL_SECONDS, in one replica at a time.
 */
@Injectable()
export class UnverifiedUsersPurgeJob implements ScheduledJob<number>, OnModuleInit {
  static readonly NAME = 'auth.purge-unverified';
  readonly name = UnverifiedUsersPurgeJob.NAME;
  readonly everyMs: number;
  readonly runAtStart = true;

  constructor(
    private readonly jobs: JobRunner,
    private readonly transactions: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly outbox: OutboxWriter,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.PURGE_INTERVAL_SECONDS * 1000;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  /** Deletes every expired unverified account; resolves with how many. */
  async run(): Promise<number> {
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
