import { Topics } from '@agora/contracts';
import { modifyReturning, OutboxWriter } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../auth.config.js';

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
    private readonly dataSource: DataSource,
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
      const deleted = await this.dataSource.transaction(async (manager) => {
        const rows = await modifyReturning<{ id: string }>(
          manager,
          `DELETE FROM "auth"."users" WHERE "id" IN (
             SELECT "id" FROM "auth"."users"
              WHERE NOT "verified" AND "created_at" < now() - make_interval(hours => $1)
              ORDER BY "created_at" LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING "id"`,
          [this.config.UNVERIFIED_TTL_HOURS, BATCH],
        );
        const deletedAt = new Date().toISOString();
        for (const { id } of rows) {
          await this.outbox.add(manager, Topics.UserDeleted, id, {
            userId: id,
            reason: 'unverified-expired',
            deletedAt,
            // An unverified account never signed in: there is no access token to revoke.
            accessTokensExpireBy: deletedAt,
          });
        }
        return rows.length;
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
