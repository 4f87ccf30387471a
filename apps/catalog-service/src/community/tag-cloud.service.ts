import { translatableOf } from '../translations/translation.dto.js';
import { Injectable } from '@nestjs/common';
import { TAG_CLOUD_WINDOWS, type TagCloudDto, type TagCloudQueryDto } from './tag-cloud.dto.js';
import { TagCloudRepository } from './tag-cloud.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first UTC day of a window of `days` days ending today. */
export function windowStart(days: number | null, now = new Date()): string | null {
  if (days === null) {
    return null;
  }
  return new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** The tag cloud (issue 17): flavour tags weighted by how many check-ins in a window carry them. */
@Injectable()
export class TagCloudService {
  constructor(private readonly uses: TagCloudRepository) {}

  async cloud(query: TagCloudQueryDto): Promise<TagCloudDto> {
    const window = query.window ?? '30d';
    const since = windowStart(TAG_CLOUD_WINDOWS[window]);
    const rows = await this.uses.top(query.kind, since, query.limit ?? 30);
    const most = rows[0]?.uses ?? 1;
    return {
      kind: query.kind ?? null,
      window,
      since,
      tags: rows.map((row) => ({
        id: row.id,
        ...translatableOf(row),
        uses: row.uses,
        weight: Math.round((row.uses / most) * 100) / 100,
      })),
    };
  }
}
