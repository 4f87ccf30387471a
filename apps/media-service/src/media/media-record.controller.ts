import { MEDIA_RECORD_PATH, type MediaRecordV1 } from '@agora/contracts';
import { UuidParam } from '@agora/http';
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MediaService } from './media.service.js';

/**
 * Service to service: catalog-service and social-service read a media here when its `media.media.uploaded.v1`
 * has not reached them yet. The gateway routes no `/internal` path, so clients never reach it; it is left out
 * of the public API docs.
 */
@ApiExcludeController()
@Controller(MEDIA_RECORD_PATH.slice(1))
export class MediaRecordController {
  constructor(private readonly media: MediaService) {}

  @Get(':id')
  record(@UuidParam('id') id: string): Promise<MediaRecordV1> {
    return this.media.record(id);
  }
}
