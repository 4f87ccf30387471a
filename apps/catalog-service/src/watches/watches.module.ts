import { Module } from '@nestjs/common';
import { CatalogItemStoreDeps } from '../items/catalog-item.store.js';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { CollectionController } from './collection.controller.js';
import { CollectionService } from './collection.service.js';
import { WatchesController } from './watches.controller.js';
import { WatchesService } from './watches.service.js';

@Module({
  imports: [DictionariesModule, ModerationModule],
  controllers: [WatchesController, CollectionController],
  providers: [CatalogItemStoreDeps, WatchesService, CollectionService],
})
export class WatchesModule {}
