import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ListingsController } from './listings.controller.js';
import { ListingsService } from './listings.service.js';

@Module({
  imports: [DictionariesModule],
  controllers: [ListingsController],
  providers: [ListingsService],
})
export class ListingsModule {}
