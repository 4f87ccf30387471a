import { LOGGER } from '@agora/logging';
import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { MediaConfig } from '../media.config.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

const BATCH = 100;

/**
 * Uploads that no item has shown for MEDIA_ORPHAN_HOURS are deleted (rows, files, a
 * `media.media.deleted.v1` with reason `orphaned`); runs every MEDIA_ORPHAN_SWEEP_MINUTES (0: only when
 * asked), in one replica at a time.
 */
@Injectable()
export class OrphanSweepJob implements ScheduledJob<number>, OnModuleInit {
  static readonly NAME = 'media.sweep-orphans';
  readonly name = OrphanSweepJob.NAME;
  readonly everyMs: number;

  constructor(
    private readonly jobs: JobRunner,
    private readonly repository: MediaRepository,
    private readonly media: MediaService,
    private readonly config: MediaConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.everyMs = config.MEDIA_ORPHAN_SWEEP_MINUTES * 60_000;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  /** Deletes every orphan older than MEDIA_ORPHAN_HOURS; resolves with how many. */
  async run(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.MEDIA_ORPHAN_HOURS * 3_600_000);
    let total = 0;
    for (;;) {
      const orphans = await this.repository.findOrphans(cutoff, BATCH);
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
