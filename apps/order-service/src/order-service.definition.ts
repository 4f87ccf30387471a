import { AuthModule } from '@agora/auth';
import { RateLimitModule } from '@agora/rate-limit';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { orderMigrations } from './migrations/index.js';
import { OrderConfig } from './order.config.js';
import { FavouriteEntity } from './favourites/favourite.entity.js';
import { FavouritesModule } from './favourites/favourites.module.js';
import { ListingRefEntity } from './favourites/listing-ref.entity.js';
import { SellerReportEntity } from './seller-reports/seller-report.entity.js';
import { SellerReportsModule } from './seller-reports/seller-reports.module.js';
import { SellerAccountEntity } from './sellers/seller-account.entity.js';
import { SellerApplicationEntity } from './sellers/seller-application.entity.js';
import { SellersModule } from './sellers/sellers.module.js';

/** Feature modules of order-service are imported here as they land. */
@Module({
  imports: [
    AuthModule.forRoot(),
    RateLimitModule.forRoot(),
    SellersModule,
    SellerReportsModule,
    FavouritesModule,
  ],
})
export class OrderServiceModule {}

export const orderServiceDefinition: ServiceDefinition<OrderConfig> = {
  name: 'order',
  title: 'Agora order-service',
  description: 'Carts, orders with a status state machine, payments and admin mail.',
  module: OrderServiceModule,
  entities: [
    SellerApplicationEntity,
    SellerAccountEntity,
    SellerReportEntity,
    ListingRefEntity,
    FavouriteEntity,
  ],
  migrations: orderMigrations,
  config: OrderConfig,
};
