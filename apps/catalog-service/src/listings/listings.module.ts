import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { PurchasesModule } from '../purchases/purchases.module.js';
import { PhotoRoutesController } from '../photos/photo-routes.controller.js';
import { ReviewsController } from '../reviews/reviews.controller.js';
import { ReviewsRepository } from '../reviews/reviews.repository.js';
import { ReviewEvents } from '../reviews/review-events.js';
import { ReviewsService } from '../reviews/reviews.service.js';
import { SoldItemsRepository } from '../items/sold-item.js';
import { ListingsController } from './listings.controller.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';

@Module({
  imports: [ItemsModule, PurchasesModule],
  controllers: [
    ListingsController,
    PhotoRoutesController({
      kind: 'listing',
      path: 'listings',
      tag: 'listings',
      visibility: ListingsService,
    }),
    ReviewsController,
    PhotoRoutesController({ kind: 'review', path: 'reviews', tag: 'reviews' }),
  ],
  providers: [
    ListingsService,
    ListingsRepository,
    ReviewsService,
    ReviewsRepository,
    ReviewEvents,
    SoldItemsRepository,
  ],
  exports: [ListingsRepository, ReviewsRepository, ReviewEvents],
})
export class ListingsModule {}
