import { Module } from '@nestjs/common';
import { CatalogItemStoreDeps } from '../items/catalog-item.store.js';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { MechanismsController } from './mechanisms.controller.js';
import { MechanismsService } from './mechanisms.service.js';

@Module({
  imports: [DictionariesModule, ModerationModule],
  controllers: [MechanismsController],
  providers: [CatalogItemStoreDeps, MechanismsService],
  exports: [MechanismsService],
})
export class MechanismsModule {}
