import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogFactEntity } from './catalog-fact.entity.js';

export type CatalogFact = Omit<CatalogFactEntity, 'deleted'>;

/** The only code that touches `social.cotask_catalog_facts`; writes run in the inbox's transaction. */
@Injectable()
export class CatalogFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the item's facts unless what is kept is newer or the item is deleted; resolves whether it applied. */
  async put(tx: Tx, fact: CatalogFact): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO "social"."cotask_catalog_facts"
         ("item_id", "kind", "name", "country_code", "region", "mechanism", "version")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("item_id") DO UPDATE SET
         "name" = EXCLUDED."name", "country_code" = EXCLUDED."country_code", "region" = EXCLUDED."region",
         "mechanism" = EXCLUDED."mechanism", "version" = EXCLUDED."version"
       WHERE NOT "cotask_catalog_facts"."deleted" AND "cotask_catalog_facts"."version" < EXCLUDED."version"
       RETURNING 1`,
      [fact.itemId, fact.kind, fact.name, fact.countryCode, fact.region, fact.mechanism, fact.version],
    );
    return rows.length > 0;
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
