import { Module } from '@nestjs/common';
import { SellersModule } from '../sellers/sellers.module.js';
import { SellerReportsController } from './seller-reports.controller.js';
import { SellerReportsRepository } from './seller-reports.repository.js';
import { SellerReportsService } from './seller-reports.service.js';

@Module({
  imports: [SellersModule],
  controllers: [SellerReportsController],
  providers: [SellerReportsRepository, SellerReportsService],
})
export class SellerReportsModule {}
