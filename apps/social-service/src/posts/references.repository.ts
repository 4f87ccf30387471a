import type { CatalogItemChangedV1 } from '@agora/contracts';
import { modifyReturning } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A catalog item as social-service keeps it: its kind, name and version. */
export type CatalogItemRef = Pick<CatalogItemChangedV1, 'kind' | 'itemId' | 'name' | 'version'>;

/**
 * What social-service keeps of other services' aggregates that posts refer to: media owners (from
 * `media.media.*`) and catalog items (from `catalog.item.*`). Methods run in the inbox's transaction.
 */
@Injectable()
export class ReferencesRepository {
  async addMedia(manager: EntityManager, mediaId: string, ownerId: string): Promise<void> {
    await manager.query(
      `INSERT INTO "social"."media_owners" ("media_id", "owner_id") VALUES ($1, $2)
       ON CONFLICT ("media_id") DO UPDATE SET "owner_id" = EXCLUDED."owner_id"`,
      [mediaId, ownerId],
    );
  }

  /** The ids among these with no row (their upload not learnt yet, or never made). */
  async missingMedia(manager: EntityManager, mediaIds: readonly string[]): Promise<string[]> {
    if (mediaIds.length === 0) {
      return [];
    }
    const rows = await manager.query<{ media_id: string }[]>(
      `SELECT "media_id" FROM "social"."media_owners" WHERE "media_id" = ANY($1::uuid[])`,
      [mediaIds],
    );
    const known = new Set(rows.map((row) => row.media_id));
    return mediaIds.filter((mediaId) => !known.has(mediaId));
  }

  /** A deleted media leaves every post and avatar it was on. */
  async removeMedia(manager: EntityManager, mediaId: string): Promise<void> {
    await manager.query(
      `UPDATE "social"."posts" SET "media_ids" = array_remove("media_ids", $1::uuid)
        WHERE "media_ids" @> ARRAY[$1::uuid]`,
      [mediaId],
    );
    await manager.query(
      `UPDATE "social"."profiles" SET "avatar_media_id" = NULL, "version" = "version" + 1, "updated_at" = now()
        WHERE "avatar_media_id" = $1`,
      [mediaId],
    );
    await manager.query(`DELETE FROM "social"."media_owners" WHERE "media_id" = $1`, [mediaId]);
  }

  /** Keeps each item's newest name (an item event's, a page of catalog's snapshot); a deleted item's tombstone stays deleted. */
  async upsertItems(manager: EntityManager, items: readonly CatalogItemRef[]): Promise<void> {
    if (items.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO "social"."catalog_items" AS item ("item_id", "kind", "name", "version")
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS ref("item_id" uuid, "kind" text, "name" text, "version" integer)
       ON CONFLICT ("item_id") DO UPDATE SET "name" = EXCLUDED."name", "version" = EXCLUDED."version", "updated_at" = now()
        WHERE NOT item."deleted" AND item."version" < EXCLUDED."version"`,
      [
        JSON.stringify(
          items.map((ref) => ({ item_id: ref.itemId, kind: ref.kind, name: ref.name, version: ref.version })),
        ),
      ],
    );
  }

  /** A rebuild from catalog's snapshot saw these items now (whatever their version or tombstone). */
  async markItemsSeen(manager: EntityManager, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE "social"."catalog_items" SET "snapshot_seen_at" = now() WHERE "item_id" = ANY($1::uuid[])`,
      [[...itemIds]],
    );
  }

  /**
   * Tombstones, as {@link removeItem} does, every live item neither seen by a snapshot rebuild nor updated since
   * `since` (one statement): catalog's snapshot read after `since` no longer holds it. Resolves with their ids.
   */
  async retireItemsUnseenSince(manager: EntityManager, since: Date): Promise<string[]> {
    const retired = await modifyReturning<{ item_id: string }>(
      manager,
      `UPDATE "social"."catalog_items" SET "deleted" = true, "updated_at" = now()
        WHERE NOT "deleted" AND "updated_at" < $1
          AND ("snapshot_seen_at" IS NULL OR "snapshot_seen_at" < $1)
       RETURNING "item_id"`,
      [since],
    );
    return retired.map((row) => row.item_id);
  }

  async removeItem(manager: EntityManager, kind: string, itemId: string): Promise<void> {
    await manager.query(
      `INSERT INTO "social"."catalog_items" ("item_id", "kind", "name", "deleted") VALUES ($1, $2, '', true)
       ON CONFLICT ("item_id") DO UPDATE SET "deleted" = true, "updated_at" = now()`,
      [itemId, kind],
    );
  }
}
