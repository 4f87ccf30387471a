import { Module } from '@nestjs/common';
import { OffersModule } from '../offers/offers.module.js';
import { CartController } from './cart.controller.js';
import { CartRepository } from './cart.repository.js';
import { CartService } from './cart.service.js';

@Module({
  imports: [OffersModule],
  controllers: [CartController],
  providers: [CartRepository, CartService],
  exports: [CartRepository],
})
export class CartModule {}
