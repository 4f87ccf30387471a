import { Injectable } from '@nestjs/common';
import type { Tx } from '@agora/database';
import { MediaOwnerEntity } from './media-owner.entity.js';
import { MediaTombstoneEntity } from './media-tombstone.entity.js';

/** What catalog-service knows of media-service's media: who owns each one and how it looks, and which are gone. */
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

  /** Serializes the transactions about one media (its upload and its deletion) until they end. */
  async lock(tx: Tx, mediaId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`media:${mediaId}`]);
  }

  /** Remembers that the media is gone, so that a late upload event cannot bring it back. */
  async bury(tx: Tx, mediaId: string, deletedAt: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(MediaTombstoneEntity)
      .values({ mediaId, deletedAt })
      .orIgnore()
      .execute();
  }

  isBuried(tx: Tx, mediaId: string): Promise<boolean> {
    return tx.existsBy(MediaTombstoneEntity, { mediaId });
  }
}
