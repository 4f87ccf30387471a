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

  /** The ids among these with no row (their upload not learnt yet, or never made). */
  async missing(tx: Tx, mediaIds: readonly string[]): Promise<string[]> {
    if (mediaIds.length === 0) {
      return [];
    }
    const rows = await tx.query<{ media_id: string }[]>(
      `SELECT "media_id" FROM "catalog"."media_owners" WHERE "media_id" = ANY($1::uuid[])`,
      [mediaIds],
    );
    const known = new Set(rows.map((row) => row.media_id));
    return mediaIds.filter((mediaId) => !known.has(mediaId));
  }

  async upsert(tx: Tx, media: Omit<MediaOwnerEntity, 'createdAt'>): Promise<void> {
    await tx.upsert(MediaOwnerEntity, media, ['mediaId']);
  }

  /**
   * Whether any of these media shows one of these barcodes (decoded from its pixels by media-service); the
   * caller passes every spelling of the code it looks for (a UPC-A is also its EAN-13 with a leading 0).
   */
  async showsBarcode(tx: Tx, mediaIds: readonly string[], codes: readonly string[]): Promise<boolean> {
    if (mediaIds.length === 0 || codes.length === 0) {
      return false;
    }
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "catalog"."media_owners" WHERE "media_id" = ANY($1::uuid[]) AND "barcodes" && $2::text[] LIMIT 1`,
      [mediaIds, codes],
    );
    return rows.length > 0;
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
