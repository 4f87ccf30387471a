import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { PurchasesModule } from '../purchases/purchases.module.js';
import { CheckinCommentsController } from './checkin-comments.controller.js';
import { CheckinCommentsRepository } from './checkin-comments.repository.js';
import { CheckinCommentsService } from './checkin-comments.service.js';
import { CheckinEvents } from './checkin-events.js';
import {
  CheckinsController,
  CoffeeCheckinsController,
  WatchCheckinsController,
} from './checkins.controller.js';
import { CheckinsRepository } from './checkins.repository.js';
import { CheckinsService } from './checkins.service.js';

/** Check-ins on coffees and watches with their ratings and top lists, and comments under them (issue 17). */
@Module({
  imports: [DictionariesModule, PurchasesModule],
  controllers: [
    CoffeeCheckinsController,
    WatchCheckinsController,
    CheckinsController,
    CheckinCommentsController,
  ],
  providers: [
    CheckinsService,
    CheckinsRepository,
    CheckinEvents,
    CheckinCommentsService,
    CheckinCommentsRepository,
  ],
  // Purchases re-weigh the check-ins of buyers (the stock saga's transaction).
  exports: [CheckinsRepository],
})
export class CheckinsModule {}
