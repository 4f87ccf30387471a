import { Injectable } from '@nestjs/common';
import type { Tx } from '../unit-of-work.js';
import { MediaOwnerEntity } from './media-owner.entity.js';

/** What catalog-service knows of media-service's media: who owns each one and how it looks. */
@Injectable()
export class MediaOwnersRepository {
  find(tx: Tx, mediaId: string): Promise<MediaOwnerEntity | null> {
    return tx.findOneBy(MediaOwnerEntity, { mediaId });
  }

  async upsert(tx: Tx, media: Omit<MediaOwnerEntity, 'createdAt'>): Promise<void> {
    await tx.upsert(MediaOwnerEntity, media, ['mediaId']);
  }

  async remove(tx: Tx, mediaId: string): Promise<void> {
    await tx.delete(MediaOwnerEntity, { mediaId });
  }
}
