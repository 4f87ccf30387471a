import { Module } from '@nestjs/common';
import { OffersController } from './offers.controller.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';

/** The snapshot of what can be bought, for order-service's read model. */
@Module({
  controllers: [OffersController],
  providers: [OffersRepository, OffersService],
})
export class OffersModule {}
