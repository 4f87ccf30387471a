import { Module } from '@nestjs/common';
import { DictionariesModule } from '../dictionaries/dictionaries.module.js';
import { ReviewsController } from '../reviews/reviews.controller.js';
import { ReviewsService } from '../reviews/reviews.service.js';
import { ListingsController } from './listings.controller.js';
import { ListingsService } from './listings.service.js';

@Module({
  imports: [DictionariesModule],
  controllers: [ListingsController, ReviewsController],
  providers: [ListingsService, ReviewsService],
})
export class ListingsModule {}
