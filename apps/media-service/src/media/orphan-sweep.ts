import { LOGGER } from '@agora/logging';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { MediaConfig } from '../media.config.js';
import { MediaEntity } from './media.entity.js';
import { MediaService } from './media.service.js';

const BATCH = 100;

/**
 * Uploads that no item has shown for MEDIA_ORPHAN_HOURS are deleted (rows, files, a
 * `media.media.deleted.v1` with reason `orphaned`); runs every MEDIA_ORPHAN_SWEEP_MINUTES.
 */
@Injectable()
export class OrphanSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly media: MediaService,
    private readonly config: MediaConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.MEDIA_ORPHAN_SWEEP_MINUTES === 0) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'orphan sweep failed');
          return 0;
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.MEDIA_ORPHAN_SWEEP_MINUTES * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every orphan older than MEDIA_ORPHAN_HOURS; returns how many. */
  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.MEDIA_ORPHAN_HOURS * 3_600_000);
    let total = 0;
    for (;;) {
      const orphans = await this.dataSource.manager.find(MediaEntity, {
        where: { attachedAt: IsNull(), createdAt: LessThan(cutoff) },
        relations: { variants: true },
        order: { createdAt: 'ASC' },
        take: BATCH,
      });
      for (const orphan of orphans) {
        await this.media.remove(orphan, 'orphaned');
      }
      total += orphans.length;
      if (orphans.length < BATCH) {
        break;
      }
    }
    if (total > 0) {
      this.logger.info({ deleted: total }, 'orphaned media deleted');
    }
    return total;
  }
}
