import { SNAPSHOT_MAX_LIMIT } from '@agora/contracts';
import { HttpErrorCode, RequestException } from '@agora/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** The query of a snapshot route (`/internal/offers`, `/internal/items`). */
export class SnapshotQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SNAPSHOT_MAX_LIMIT)
  limit = 500;
}

/** A place in a snapshot: the kind it is in (kinds come in a fixed order), after which id of it. */
export interface SnapshotPosition<Kind extends string> {
  readonly kind: Kind;
  readonly afterId: string | null;
}

/** Reads up to `limit` items of one kind after `afterId` (null: from the first), by id. */
export type SnapshotReader<Kind extends string, Item> = (
  kind: Kind,
  afterId: string | null,
  limit: number,
) => Promise<Item[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<kind>:<last id>`, base64url: opaque to the reader. */
export function encodeSnapshotCursor(kind: string, lastId: string): string {
  return Buffer.from(`${kind}:${lastId}`, 'utf8').toString('base64url');
}

export function decodeSnapshotCursor<Kind extends string>(
  kinds: readonly Kind[],
  cursor: string | undefined,
): SnapshotPosition<Kind> {
  const [first] = kinds;
  if (!first) {
    throw new Error('A snapshot needs at least one kind');
  }
  if (cursor === undefined || cursor === '') {
    return { kind: first, afterId: null };
  }
  const [kind, lastId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const known = kinds.find((candidate) => candidate === kind);
  if (!known || !UUID.test(lastId ?? '') || rest.length > 0) {
    throw new RequestException(HttpErrorCode.VALIDATION_FAILED, 'The cursor is not one this route gave', {
      errors: [{ field: 'cursor', messages: ['must be the nextCursor of a previous page'] }],
    });
  }
  return { kind: known, afterId: lastId ?? null };
}

/**
 * One page of a snapshot of several kinds, each kind in turn by id, from the cursor's place: as many items as
 * `limit` from the cursor's kind, then the next kinds; `nextCursor` is null once a page comes out short.
 */
export async function snapshotPage<Kind extends string, Item extends { kind: Kind; itemId: string }>(
  kinds: readonly Kind[],
  cursor: string | undefined,
  limit: number,
  read: SnapshotReader<Kind, Item>,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const position = decodeSnapshotCursor(kinds, cursor);
  const items: Item[] = [];
  for (const kind of kinds.slice(kinds.indexOf(position.kind))) {
    if (items.length === limit) {
      break;
    }
    const afterId = kind === position.kind ? position.afterId : null;
    items.push(...(await read(kind, afterId, limit - items.length)));
  }
  const last = items.at(-1);
  return {
    items,
    nextCursor: items.length === limit && last ? encodeSnapshotCursor(last.kind, last.itemId) : null,
  };
}
