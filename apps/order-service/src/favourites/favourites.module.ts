import { Module } from '@nestjs/common';
import { FavouritesController } from './favourites.controller.js';
import { FavouritesEvents } from './favourites.events.js';
import { FavouritesRepository } from './favourites.repository.js';
import { FavouritesService } from './favourites.service.js';

/** Buyers' favourite listings; the offers module drops a deleted listing's favourites through its repository. */
@Module({
  controllers: [FavouritesController, FavouritesEvents],
  providers: [FavouritesRepository, FavouritesService],
  exports: [FavouritesRepository],
})
export class FavouritesModule {}
