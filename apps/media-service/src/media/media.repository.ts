import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, type EntityManager } from 'typeorm';
import { MediaEntity } from './media.entity.js';

/** Media rows for the attachment and orphan bookkeeping (uploads and deletions: `MediaService`). */
@Injectable()
export class MediaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Marks media shown by something since `at`, those not marked already, in one statement. */
  async markAttached(manager: EntityManager, mediaIds: readonly string[], at: Date): Promise<void> {
    if (mediaIds.length > 0) {
      await manager.update(MediaEntity, { id: In([...mediaIds]), attachedAt: IsNull() }, { attachedAt: at });
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
