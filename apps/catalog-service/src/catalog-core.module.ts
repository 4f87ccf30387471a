import { Global, Module } from '@nestjs/common';
import { LikeSummariesRepository } from './community/like-summaries.repository.js';
import { ItemEvents } from './items/item-events.js';
import { MediaOwnersRepository } from './photos/media-owners.repository.js';
import { PhotosRepository } from './photos/photos.repository.js';

/** What every catalog feature shares: the unit of work, item events, the photo rows items own, like counts. */
@Global()
@Module({
  providers: [ItemEvents, PhotosRepository, MediaOwnersRepository, LikeSummariesRepository],
  exports: [ItemEvents, PhotosRepository, MediaOwnersRepository, LikeSummariesRepository],
})
export class CatalogCoreModule {}
