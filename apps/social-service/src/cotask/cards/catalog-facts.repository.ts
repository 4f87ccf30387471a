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
   * Keeps the item's facts unless what is kept is newer or the item is deleted; resolves the facts kept, or null
   * when the event was stale. `known`: false for an event without facts (written before they existed), which
   * leaves the facts kept as they were.
   */
  async put(tx: Tx, fact: CatalogFact, known: boolean): Promise<CatalogFact | null> {
    const rows = await tx.query<
      { countryCode: string | null; region: string | null; mechanism: string | null }[]
    >(
      `INSERT INTO "social"."cotask_catalog_facts" AS fact
         ("item_id", "kind", "name", "country_code", "region", "mechanism", "version")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("item_id") DO UPDATE SET
         "name" = EXCLUDED."name",
         "country_code" = CASE WHEN $8 THEN EXCLUDED."country_code" ELSE fact."country_code" END,
         "region" = CASE WHEN $8 THEN EXCLUDED."region" ELSE fact."region" END,
         "mechanism" = CASE WHEN $8 THEN EXCLUDED."mechanism" ELSE fact."mechanism" END,
         "version" = EXCLUDED."version"
       WHERE NOT fact."deleted" AND fact."version" < EXCLUDED."version"
       RETURNING "country_code" AS "countryCode", "region", "mechanism"`,
      [fact.itemId, fact.kind, fact.name, fact.countryCode, fact.region, fact.mechanism, fact.version, known],
    );
    return rows[0] ? { ...fact, ...rows[0] } : null;
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
