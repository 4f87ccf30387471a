import { ReadModelStateEntity } from '@agora/database';
import { AuthModule } from '@agora/auth';
import { RateLimitModule } from '@agora/rate-limit';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { orderMigrations } from './migrations/index.js';
import { OrderConfig } from './order.config.js';
import { CartLineEntity } from './cart/cart-line.entity.js';
import { CartModule } from './cart/cart.module.js';
import { AddressEntity } from './addresses/address.entity.js';
import { AddressesModule } from './addresses/addresses.module.js';
import { CheckoutEntity } from './orders/checkout.entity.js';
import { OrderLineEntity } from './orders/order-line.entity.js';
import { OrderTransitionEntity } from './orders/order-transition.entity.js';
import { OrderEntity } from './orders/order.entity.js';
import { OrdersModule } from './orders/orders.module.js';
import { OfferEntity } from './offers/offer.entity.js';
import { OffersModule } from './offers/offers.module.js';
import { OfferHoldEntity } from './offers/offer-hold.entity.js';
import { StockModule } from './stock/stock.module.js';

import { FavouriteEntity } from './favourites/favourite.entity.js';
import { FavouritesModule } from './favourites/favourites.module.js';
import { SellerReportEntity } from './seller-reports/seller-report.entity.js';
import { SellerReportsModule } from './seller-reports/seller-reports.module.js';
import { SellerAccountEntity } from './sellers/seller-account.entity.js';
import { SellerApplicationEntity } from './sellers/seller-application.entity.js';
import { SellersModule } from './sellers/sellers.module.js';
import { seedOffers } from './offers/offers.seed.js';
import { PaymentEventEntity } from './payments/payment-event.entity.js';
import { PaymentMethodEntity } from './payments/payment-method.entity.js';
import { PaymentEntity } from './payments/payment.entity.js';
import { PaymentsModule } from './payments/payments.module.js';

/** Feature modules of order-service are imported here as they land. */
@Module({
  imports: [
    AuthModule.forRoot(),
    RateLimitModule.forRoot(),
    OffersModule,
    CartModule,
    AddressesModule,
    OrdersModule,
    StockModule,
    SellersModule,
    SellerReportsModule,
    FavouritesModule,
    PaymentsModule,
  ],
})
export class OrderServiceModule {}

export const orderServiceDefinition: ServiceDefinition<OrderConfig> = {
  name: 'order',
  title: 'Agora order-service',
  description: 'Carts, orders with a status state machine, payments and admin mail.',
  module: OrderServiceModule,
  entities: [
    OfferEntity,
    OfferHoldEntity,
    ReadModelStateEntity,
    CartLineEntity,
    AddressEntity,
    CheckoutEntity,
    OrderEntity,
    OrderLineEntity,
    OrderTransitionEntity,
    SellerApplicationEntity,
    SellerAccountEntity,
    SellerReportEntity,
    FavouriteEntity,
    PaymentEntity,
    PaymentEventEntity,
    PaymentMethodEntity,
  ],
  migrations: orderMigrations,
  config: OrderConfig,
  seed: seedOffers,
};
