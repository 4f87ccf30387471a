import { Module } from '@nestjs/common';
import { LocationsRepository } from './locations.repository.js';
import { ShopInfoController } from './shop-info.controller.js';
import { ShopInfoService } from './shop-info.service.js';
import { ShopProfileRepository } from './shop-profile.repository.js';

@Module({
  controllers: [ShopInfoController],
  providers: [ShopInfoService, LocationsRepository, ShopProfileRepository],
})
export class ShopInfoModule {}
