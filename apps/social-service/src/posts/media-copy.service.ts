import type { MediaRecordV1 } from '@agora/contracts';
import { UnitOfWork } from '@agora/database';
import { readMediaThrough, type MediaCopy } from '@agora/runtime';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SocialConfig } from '../social.config.js';
import { ReferencesRepository } from './references.repository.js';

/**
 * social-service's copy of who uploaded which media (`media_owners`, for posts' photos and avatars): kept from
 * `media.media.uploaded.v1`, and read through from media-service (MEDIA_URL) for a media a client uses before
 * its event has arrived.
 */
@Injectable()
export class MediaCopyService implements MediaCopy {
  private readonly logger = new Logger(MediaCopyService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly references: ReferencesRepository,
    private readonly config: SocialConfig,
  ) {}

  /** What an uploaded media changes, from its event (in the inbox's transaction) or its record. */
  remember(manager: EntityManager, record: Pick<MediaRecordV1, 'mediaId' | 'ownerId'>): Promise<void> {
    return this.references.addMedia(manager, record.mediaId, record.ownerId);
  }

  /** Learns the media among `mediaIds` whose event has not arrived yet; call it before the transaction that needs them. */
  learn(mediaIds: readonly string[]): Promise<void> {
    return readMediaThrough(this.config.MEDIA_URL, this, mediaIds, (mediaId, error) =>
      this.logger.warn(`media ${mediaId} could not be read from media-service: ${String(error)}`),
    );
  }

  missing(mediaIds: readonly string[]): Promise<string[]> {
    return this.unitOfWork.run((tx) => this.references.missingMedia(tx, mediaIds));
  }

  apply(record: MediaRecordV1): Promise<void> {
    return this.unitOfWork.run((tx) => this.remember(tx, record));
  }
}
