import { Global, Module } from '@nestjs/common';
import { MediaEventsController } from './photos.controller.js';
import { PhotosService } from './photos.service.js';

/** Photo slots of every item kind (global: each item module's routes use it). */
@Global()
@Module({
  controllers: [MediaEventsController],
  providers: [PhotosService],
  exports: [PhotosService],
})
export class PhotosModule {}
