import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SocialConfig } from '../social.config.js';
import { CatalogCopyService } from './catalog-copy.service.js';

/**
 * At start, and every SOCIAL_CATALOG_REBUILD_RETRY_MS until it has succeeded once (catalog may start later):
 * rebuilds the catalog copy from catalog's snapshot, in one replica at a time. Afterwards each tick only reads
 * the done mark.
 */
@Injectable()
export class CatalogCopyRebuildJob implements ScheduledJob<number>, OnModuleInit {
  static readonly NAME = 'social.rebuild-catalog-copy';
  readonly name = CatalogCopyRebuildJob.NAME;
  readonly everyMs: number;
  readonly runAtStart = true;

  constructor(
    private readonly jobs: JobRunner,
    private readonly catalogCopy: CatalogCopyService,
    config: SocialConfig,
  ) {
    this.everyMs = config.SOCIAL_CATALOG_REBUILD_RETRY_MS;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  run(): Promise<number> {
    return this.catalogCopy.rebuildIfNeverBuilt();
  }
}
