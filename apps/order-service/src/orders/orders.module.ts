import { forwardRef, Module } from '@nestjs/common';
import { AddressesModule } from '../addresses/addresses.module.js';
import { CartModule } from '../cart/cart.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { CheckoutService } from './checkout.service.js';
import { CheckoutsRepository } from './checkouts.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';

@Module({
  imports: [OffersModule, CartModule, AddressesModule, forwardRef(() => PaymentsModule)],
  controllers: [OrdersController],
  providers: [OrdersRepository, CheckoutsRepository, CheckoutService, OrdersService],
  exports: [OrdersRepository, OrdersService],
})
export class OrdersModule {}
