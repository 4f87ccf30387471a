import { type Tx } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { MediaEntity, MediaVariantEntity } from './media.entity.js';

/** The only code that touches the media and media-variants tables. */
@Injectable()
export class MediaRepository {
  /** An owner's media pages, with each media's variants by one more statement for the page. */
  private readonly list: ListSource<MediaEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<MediaEntity>(dataSource, MediaEntity, {
      alias: 'media',
      many: { variants: {} },
    });
  }

  /** A media with its variants, or null. */
  find(id: string): Promise<MediaEntity | null> {
    return this.dataSource.manager.findOne(MediaEntity, { where: { id }, relations: { variants: true } });
  }

  /** The media an owner uploaded with these bytes (by their SHA-256), with its variants, or null. */
  findByHash(ownerId: string, contentHash: string): Promise<MediaEntity | null> {
    return this.dataSource.manager.findOne(MediaEntity, {
      where: { ownerId, contentHash },
      relations: { variants: true },
    });
  }

  /** One page of an owner's media, with their variants. */
  pageOfOwner(ownerId: string, query: ParsedListQuery): Promise<Page<MediaEntity>> {
    return this.list.page(query, [{ field: 'ownerId', operator: 'eq', value: ownerId }]);
  }

  variant(mediaId: string, name: string): Promise<MediaVariantEntity | null> {
    return this.dataSource.manager.findOneBy(MediaVariantEntity, { mediaId, name });
  }

  variantsOf(mediaId: string): Promise<MediaVariantEntity[]> {
    return this.dataSource.manager.findBy(MediaVariantEntity, { mediaId });
  }

  /**
   * Serialises one owner's uploads until `tx` ends (a transaction-scoped advisory lock), so two parallel uploads
   * cannot both fit under the quota the pair overshoots.
   */
  async lockOwnerQuota(tx: Tx, ownerId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('media.quota:' || $1, 0))`, [ownerId]);
  }

  /** The bytes an owner's media take (what counts against the quota). */
  async usedBytes(ownerId: string, tx: Tx = this.dataSource.manager): Promise<number> {
    const [{ used }] = await tx.query<{ used: string }[]>(
      `SELECT coalesce(sum(stored_bytes), 0) AS used FROM media.media WHERE owner_id = $1`,
      [ownerId],
    );
    return Number(used);
  }

  /** Inserts a media and its variants (a second upload of the same bytes by its owner: a unique violation). */
  async insert(tx: Tx, media: MediaEntity, variants: readonly MediaVariantEntity[]): Promise<void> {
    await tx.save(media);
    await tx.save([...variants]);
  }

  /** Deletes a media; its variants' rows go with it (foreign key). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(MediaEntity, { id });
  }

  /** Marks media shown by something since `at`, those not marked already, in one statement. */
  async markAttached(tx: Tx, mediaIds: readonly string[], at: Date): Promise<void> {
    if (mediaIds.length > 0) {
      await tx.update(MediaEntity, { id: In([...mediaIds]), attachedAt: IsNull() }, { attachedAt: at });
    }
  }

  /** Up to `limit` media never shown by anything and created before `cutoff`, oldest first, with variants. */
  findOrphans(cutoff: Date, limit: number): Promise<MediaEntity[]> {
    return this.dataSource.manager.find(MediaEntity, {
      where: { attachedAt: IsNull(), createdAt: LessThan(cutoff) },
      relations: { variants: true },
      order: { createdAt: 'ASC' },
      take: limit,
    });
  }
}
