import { Module } from '@nestjs/common';
import { FavouritesController } from './favourites.controller.js';
import { FavouritesEvents } from './favourites.events.js';
import { FavouritesRepository } from './favourites.repository.js';
import { FavouritesService } from './favourites.service.js';

@Module({
  controllers: [FavouritesController, FavouritesEvents],
  providers: [FavouritesRepository, FavouritesService],
})
export class FavouritesModule {}
