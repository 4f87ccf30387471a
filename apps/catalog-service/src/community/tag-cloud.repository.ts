import { CHECKIN_KINDS, type CheckinKind } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Translatable } from '../translations/translatable.js';

export interface TagUsesRow extends Translatable {
  readonly id: string;
  readonly uses: number;
}

/**
 * The cloud's statement (`$1` kinds, `$2` the first day or null, `$3` the limit): sums the per-day counts of
 * `tag_uses` in the window by its primary key (kind, day, tag), keeps the top `$3`, then names them. It reads
 * at most days × tags rows of the aggregate and never the check-ins.
 */
export const TAG_CLOUD_SQL = `WITH top AS (
    SELECT tag_id, sum(uses)::int AS uses FROM "catalog"."tag_uses"
     WHERE kind = ANY($1::text[]) AND ($2::date IS NULL OR day >= $2::date)
     GROUP BY tag_id HAVING sum(uses) > 0
     ORDER BY uses DESC, tag_id LIMIT $3
  )
  SELECT top.tag_id AS id, tag.name, tag.language, tag.translations, top.uses
    FROM top JOIN "catalog"."dictionary_values" tag ON tag.id = top.tag_id
   ORDER BY top.uses DESC, tag.name, top.tag_id`;

/** The tag cloud's reads of the per-day tag counts the check-in triggers keep. */
@Injectable()
export class TagCloudRepository {
  constructor(private readonly dataSource: DataSource) {}

  async top(kind: CheckinKind | undefined, since: string | null, limit: number): Promise<TagUsesRow[]> {
    const rows = await this.dataSource.query<TagUsesRow[]>(TAG_CLOUD_SQL, [
      kind ? [kind] : [...CHECKIN_KINDS],
      since,
      limit,
    ]);
    return rows.map((row) => ({ ...row, uses: Number(row.uses) }));
  }
}
