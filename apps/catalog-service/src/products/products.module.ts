import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module.js';
import { ItemsModule } from '../items/items.module.js';
import { PhotoRoutesController } from '../photos/photo-routes.controller.js';
import { SoldItemsRepository } from '../items/sold-item.js';
import { ProductsController } from './products.controller.js';
import { ProductsRepository } from './products.repository.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [ItemsModule, CategoriesModule],
  controllers: [
    ProductsController,
    PhotoRoutesController({ kind: 'product', path: 'products', tag: 'products', roles: ['admin'] }),
  ],
  providers: [ProductsService, ProductsRepository, SoldItemsRepository],
  exports: [ProductsRepository],
})
export class ProductsModule {}
