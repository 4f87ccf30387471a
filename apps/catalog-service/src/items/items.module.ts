import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { CatalogItemStore } from './catalog-item.store.js';
import { ModeratedItemsService } from './moderated-items.service.js';

/** The one write path of catalog items, and the moderated writes of their routes. */
@Module({
  imports: [DictionariesModule, ModerationModule],
  providers: [CatalogItemStore, ModeratedItemsService],
  exports: [CatalogItemStore, ModeratedItemsService, ModerationModule, DictionariesModule],
})
export class ItemsModule {}
