import { Module } from '@nestjs/common';
import { SellerAccountsRepository } from './seller-accounts.repository.js';
import { SellerApplicationsRepository } from './seller-applications.repository.js';
import { SellersController } from './sellers.controller.js';
import { SellersEvents } from './sellers.events.js';
import { SellersService } from './sellers.service.js';

@Module({
  controllers: [SellersController, SellersEvents],
  providers: [SellerApplicationsRepository, SellerAccountsRepository, SellersService],
  exports: [SellerAccountsRepository],
})
export class SellersModule {}
