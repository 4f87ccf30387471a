import { Module } from '@nestjs/common';
import { OffersModule } from '../offers/offers.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { StockEvents } from './stock.events.js';
import { StockSagaService } from './stock-saga.service.js';

/** catalog's answers in the stock saga: holds ended, orders it could not hold cancelled. */
@Module({
  imports: [OffersModule, OrdersModule],
  controllers: [StockEvents],
  providers: [StockSagaService],
})
export class StockModule {}
