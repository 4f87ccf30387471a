import { Global, Module } from '@nestjs/common';
import { ItemEvents } from './items/item-events.js';
import { MediaOwnersRepository } from './photos/media-owners.repository.js';
import { PhotosRepository } from './photos/photos.repository.js';

/** What every catalog feature shares: the unit of work, item events, and the photo rows items own. */
@Global()
@Module({
  providers: [ItemEvents, PhotosRepository, MediaOwnersRepository],
  exports: [ItemEvents, PhotosRepository, MediaOwnersRepository],
})
export class CatalogCoreModule {}
