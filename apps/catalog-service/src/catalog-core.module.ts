import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LikeSummariesRepository } from './community/like-summaries.repository.js';
import { ItemEvents } from './items/item-events.js';
import { MediaCopyService } from './photos/media-copy.service.js';
import { MediaOwnersRepository } from './photos/media-owners.repository.js';
import { PhotosRepository } from './photos/photos.repository.js';
import { TranslateInterceptor } from './translations/translate.interceptor.js';

/**
 * What every catalog feature shares: the unit of work, item events, the photo rows items own, the copy of media,
 * like counts, and answers in the request's language (TranslateInterceptor).
 */
@Global()
@Module({
  providers: [
    ItemEvents,
    PhotosRepository,
    MediaOwnersRepository,
    MediaCopyService,
    LikeSummariesRepository,
    { provide: APP_INTERCEPTOR, useClass: TranslateInterceptor },
  ],
  exports: [ItemEvents, PhotosRepository, MediaOwnersRepository, MediaCopyService, LikeSummariesRepository],
})
export class CatalogCoreModule {}
