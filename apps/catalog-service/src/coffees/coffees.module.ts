import { Module } from '@nestjs/common';
import { CatalogItemStoreDeps } from '../items/catalog-item.store.js';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { CoffeesController } from './coffees.controller.js';
import { CoffeesService } from './coffees.service.js';

@Module({
  imports: [DictionariesModule, ModerationModule],
  controllers: [CoffeesController],
  providers: [CatalogItemStoreDeps, CoffeesService],
})
export class CoffeesModule {}
