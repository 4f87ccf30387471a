import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LikeSummaryDto } from './like.dto.js';

/** The like counts of many things at once, and whether a viewer likes each: for the things' own answers. */
@Injectable()
export class LikeSummariesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By id; a thing never liked is `{ count: 0, likedByMe: false }`. One query by primary key and unique key. */
  async of(ids: readonly string[], viewerId?: string): Promise<(id: string) => LikeSummaryDto> {
    const rows =
      ids.length === 0
        ? []
        : await this.dataSource.query<{ id: string; count: number; mine: boolean }[]>(
            `SELECT target.id, target.like_count AS count,
                    EXISTS (SELECT 1 FROM "catalog"."likes" mine
                             WHERE mine.target_id = target.id AND mine.user_id = $2) AS mine
               FROM "catalog"."like_targets" target WHERE target.id = ANY($1::uuid[])`,
            [ids, viewerId ?? null],
          );
    const byId = new Map(rows.map((row) => [row.id, { count: Number(row.count), likedByMe: row.mine }]));
    return (id) => byId.get(id) ?? { count: 0, likedByMe: false };
  }
}
