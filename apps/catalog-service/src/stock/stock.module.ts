import { Module } from '@nestjs/common';
import { CheckinsModule } from '../checkins/checkins.module.js';
import { ListingsModule } from '../listings/listings.module.js';
import { ProductsModule } from '../products/products.module.js';
import { PurchasesModule } from '../purchases/purchases.module.js';
import { PurchasesService } from '../purchases/purchases.service.js';
import { StockEvents } from './stock.events.js';
import { StockRepository } from './stock.repository.js';
import { StockService } from './stock.service.js';

/** The stock saga's side in catalog: units held for orders, sold, and given back. */
@Module({
  imports: [ProductsModule, ListingsModule, PurchasesModule, CheckinsModule],
  controllers: [StockEvents],
  providers: [StockRepository, StockService, PurchasesService],
})
export class StockModule {}
