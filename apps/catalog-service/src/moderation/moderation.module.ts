import { Module } from '@nestjs/common';
import { DraftsController } from './drafts.controller.js';
import { DraftsRepository } from './drafts.repository.js';
import { DraftsService } from './drafts.service.js';
import { ItemEditors } from './item-editors.js';
import { ItemHistoryRepository } from './item-history.repository.js';
import { ItemHistoryService } from './item-history.service.js';

/** Drafts, the moderation queue and item history; item modules import it and register their editors. */
@Module({
  controllers: [DraftsController],
  providers: [DraftsService, DraftsRepository, ItemEditors, ItemHistoryService, ItemHistoryRepository],
  exports: [DraftsService, ItemEditors, ItemHistoryService],
})
export class ModerationModule {}
