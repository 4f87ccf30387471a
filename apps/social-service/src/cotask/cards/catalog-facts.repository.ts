import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogFactEntity } from './catalog-fact.entity.js';

export type CatalogFact = Omit<CatalogFactEntity, 'deleted'>;

/** The only code that touches `social.cotask_catalog_facts`; writes run in the inbox's transaction. */
@Injectable()
export class CatalogFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Keeps each item's facts unless what is kept is newer or the item is deleted; resolves the facts kept (the
   * items whose change was stale are left out). `known`: false for changes without facts (events written before
   * they existed), which leave the facts kept as they were.
   */
  async put(tx: Tx, facts: readonly CatalogFact[], known: boolean): Promise<CatalogFact[]> {
    if (facts.length === 0) {
      return [];
    }
    const rows = await tx.query<
      { itemId: string; countryCode: string | null; region: string | null; mechanism: string | null }[]
    >(
      `INSERT INTO "social"."cotask_catalog_facts" AS fact
         ("item_id", "kind", "name", "country_code", "region", "mechanism", "version")
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS item("item_id" uuid, "kind" text, "name" text,
         "country_code" text, "region" text, "mechanism" text, "version" integer)
       ON CONFLICT ("item_id") DO UPDATE SET
         "name" = EXCLUDED."name",
         "country_code" = CASE WHEN $2 THEN EXCLUDED."country_code" ELSE fact."country_code" END,
         "region" = CASE WHEN $2 THEN EXCLUDED."region" ELSE fact."region" END,
         "mechanism" = CASE WHEN $2 THEN EXCLUDED."mechanism" ELSE fact."mechanism" END,
         "version" = EXCLUDED."version"
       WHERE NOT fact."deleted" AND fact."version" < EXCLUDED."version"
       RETURNING "item_id" AS "itemId", "country_code" AS "countryCode", "region", "mechanism"`,
      [
        JSON.stringify(
          facts.map((fact) => ({
            item_id: fact.itemId,
            kind: fact.kind,
            name: fact.name,
            country_code: fact.countryCode,
            region: fact.region,
            mechanism: fact.mechanism,
            version: fact.version,
          })),
        ),
        known,
      ],
    );
    const kept = new Map(rows.map(({ itemId, ...row }) => [itemId, row]));
    return facts.flatMap((fact) => {
      const row = kept.get(fact.itemId);
      return row ? [{ ...fact, ...row }] : [];
    });
  }

  /** Marks the item deleted (a tombstone, whether or not it was known). */
  async remove(tx: Tx, itemId: string, kind: string): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."cotask_catalog_facts" ("item_id", "kind", "name", "version", "deleted")
       VALUES ($1, $2, '', 0, true)
       ON CONFLICT ("item_id") DO UPDATE SET "deleted" = true`,
      [itemId, kind],
    );
  }

  /** Marks these items deleted where they are known (tombstones; a catalog copy rebuild's retired items). */
  async removeMany(tx: Tx, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) {
      return;
    }
    await tx.query(
      `UPDATE "social"."cotask_catalog_facts" SET "deleted" = true WHERE "item_id" = ANY($1::uuid[]) AND NOT "deleted"`,
      [[...itemIds]],
    );
  }

  /** The live items of a kind, by name. */
  all(tx: Tx, kind: string): Promise<CatalogFactEntity[]> {
    return tx.find(CatalogFactEntity, {
      where: { kind, deleted: false },
      order: { name: 'ASC', itemId: 'ASC' },
    });
  }

  async count(kind: string): Promise<number> {
    return this.dataSource.getRepository(CatalogFactEntity).countBy({ kind, deleted: false });
  }
}
