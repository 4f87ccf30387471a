import { Module } from '@nestjs/common';
import { FavouritesModule } from '../favourites/favourites.module.js';
import { CatalogSnapshotClient } from './catalog-snapshot.client.js';
import { OffersEvents } from './offers.events.js';
import { OffersRebuildJob } from './offers-rebuild.job.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';

/** The read model of what can be bought, kept from catalog's events and snapshot. */
@Module({
  imports: [FavouritesModule],
  controllers: [OffersEvents],
  providers: [OffersRepository, OffersService, CatalogSnapshotClient, OffersRebuildJob],
  exports: [OffersRepository],
})
export class OffersModule {}
