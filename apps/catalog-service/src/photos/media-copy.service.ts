import type { MediaRecordV1 } from '@agora/contracts';
import { UnitOfWork, type Tx } from '@agora/database';
import { readMediaThrough, type MediaCopy } from '@agora/runtime';
import { Injectable, Logger } from '@nestjs/common';
import { CatalogConfig } from '../catalog.config.js';
import { MediaOwnersRepository } from './media-owners.repository.js';

/**
 * catalog-service's copy of media-service's media (`media_owners`): kept from `media.media.uploaded.v1`, and
 * read through from media-service (MEDIA_URL) for a media a client uses before its event has arrived.
 */
@Injectable()
export class MediaCopyService implements MediaCopy {
  private readonly logger = new Logger(MediaCopyService.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly media: MediaOwnersRepository,
    private readonly config: CatalogConfig,
  ) {}

  /** What an uploaded media changes, from its event (in the inbox's transaction) or its record. */
  async remember(tx: Tx, record: MediaRecordV1): Promise<void> {
    const { mediaId, ownerId, width, height, blurhash, barcodes = [] } = record;
    await this.media.lock(tx, mediaId);
    // Deleted already (the deletion overtook the upload, or the upload is redelivered): stays gone.
    if (!(await this.media.isBuried(tx, mediaId))) {
      await this.media.upsert(tx, { mediaId, ownerId, width, height, blurhash, barcodes });
    }
  }

  /** Learns the media among `mediaIds` whose event has not arrived yet; call it before the transaction that needs them. */
  learn(mediaIds: readonly string[]): Promise<void> {
    return readMediaThrough(this.config.MEDIA_URL, this, mediaIds, (mediaId, error) =>
      this.logger.warn(`media ${mediaId} could not be read from media-service: ${String(error)}`),
    );
  }

  missing(mediaIds: readonly string[]): Promise<string[]> {
    return this.unitOfWork.run((tx) => this.media.missing(tx, mediaIds));
  }

  apply(record: MediaRecordV1): Promise<void> {
    return this.unitOfWork.run((tx) => this.remember(tx, record));
  }
}
