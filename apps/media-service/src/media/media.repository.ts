import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { MediaEntity } from './media.entity.js';

/** Media rows for the attachment and orphan bookkeeping (uploads and deletions: `MediaService`). */
@Injectable()
export class MediaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Marks a media shown by something since `at`, unless it was marked already. */
  async markAttached(manager: EntityManager, mediaId: string, at: Date): Promise<void> {
    await manager.update(MediaEntity, { id: mediaId, attachedAt: IsNull() }, { attachedAt: at });
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
