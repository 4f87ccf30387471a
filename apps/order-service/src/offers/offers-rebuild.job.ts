import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrderConfig } from '../order.config.js';
import { OffersService } from './offers.service.js';

/**
 * At start, and every ORDER_OFFERS_REBUILD_RETRY_MS until it has succeeded once (catalog may start later):
 * rebuilds the offers from catalog's snapshot, in one replica at a time. Afterwards each tick only reads the
 * done mark.
 */
@Injectable()
export class OffersRebuildJob implements ScheduledJob<number>, OnModuleInit {
  static readonly NAME = 'order.rebuild-offers';
  readonly name = OffersRebuildJob.NAME;
  readonly everyMs: number;
  readonly runAtStart = true;

  constructor(
    private readonly jobs: JobRunner,
    private readonly offers: OffersService,
    config: OrderConfig,
  ) {
    this.everyMs = config.ORDER_OFFERS_REBUILD_RETRY_MS;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  run(): Promise<number> {
    return this.offers.rebuildIfNeverBuilt();
  }
}
