import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { CoffeesController } from './coffees.controller.js';
import { CoffeesService } from './coffees.service.js';

@Module({
  imports: [DictionariesModule, ModerationModule],
  controllers: [CoffeesController],
  providers: [CoffeesService],
})
export class CoffeesModule {}
