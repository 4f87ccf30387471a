import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PhotosService } from './photos.service.js';

/** media-service's events: who owns each media, and which media are gone (one-line handlers). */
@Controller()
export class MediaEventsController {
  constructor(private readonly photos: PhotosService) {}

  @EventPattern(Topics.MediaUploaded)
  onMediaUploaded(@Payload() event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    return this.photos.onMediaUploaded(event);
  }

  @EventPattern(Topics.MediaDeleted)
  onMediaDeleted(@Payload() event: EventEnvelope<'media.media.deleted.v1'>): Promise<void> {
    return this.photos.onMediaDeleted(event);
  }
}
