import { Module } from '@nestjs/common';
import { ListingsModule } from '../listings/listings.module.js';
import { ProductsModule } from '../products/products.module.js';
import { StockEvents } from './stock.events.js';
import { StockRepository } from './stock.repository.js';
import { StockService } from './stock.service.js';

/** The stock saga's side in catalog: units held for orders, sold, and given back. */
@Module({
  imports: [ProductsModule, ListingsModule],
  controllers: [StockEvents],
  providers: [StockRepository, StockService],
})
export class StockModule {}
