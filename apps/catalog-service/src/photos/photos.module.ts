import { Global, Module } from '@nestjs/common';
import { MediaEventsController } from './media.events.js';
import { PhotosService } from './photos.service.js';

/** Photo slots of every item kind (global: each item module's photo routes use it). */
@Global()
@Module({
  controllers: [MediaEventsController],
  providers: [PhotosService],
  exports: [PhotosService],
})
export class PhotosModule {}
