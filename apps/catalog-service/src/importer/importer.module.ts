import { Module } from '@nestjs/common';
import { CoffeesModule } from '../coffees/coffees.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { ImportFeedsJob } from './import-feeds.job.js';
import { ImportRepository } from './import.repository.js';
import { ImportService } from './import.service.js';
import { ImportsController } from './imports.controller.js';

/** The importer robot: `POST /admin/imports`, `npm run import` and the scheduled import of feeds. */
@Module({
  imports: [ModerationModule, CoffeesModule],
  controllers: [ImportsController],
  providers: [ImportService, ImportRepository, ImportFeedsJob],
  exports: [ImportService],
})
export class ImporterModule {}
