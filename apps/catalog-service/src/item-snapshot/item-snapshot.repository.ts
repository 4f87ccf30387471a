import type { CatalogItemFactsV1, CatalogItemKind, ItemSnapshotItemV1 } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface SnapshotRow {
  itemId: string;
  name: string;
  version: number;
  countryCode?: string | null;
  region?: string | null;
  mechanism?: string | null;
}

/** How a kind's page is read: its table (`item`) with what its facts join, its name, its facts. */
interface KindRead {
  readonly from: string;
  readonly columns: string;
  readonly facts?: (row: SnapshotRow) => CatalogItemFactsV1;
}

/** As the kinds' `title` and `facts` tell them in item events (CoffeesService, WatchesService). */
const READS: Readonly<Record<CatalogItemKind, KindRead>> = {
  coffee: {
    from: `"catalog"."coffees" item LEFT JOIN "catalog"."dictionary_values" origin ON origin."id" = item."origin_id"`,
    columns: `item."name", item."country_code" AS "countryCode", origin."name" AS "region"`,
    facts: (row) => ({ countryCode: row.countryCode ?? null, region: row.region ?? null }),
  },
  watch: {
    from: `"catalog"."watches" item LEFT JOIN "catalog"."mechanisms" mechanism ON mechanism."id" = item."mechanism_id"`,
    columns: `item."name", mechanism."name" AS "mechanism"`,
    facts: (row) => ({ mechanism: row.mechanism ?? null }),
  },
  mechanism: { from: `"catalog"."mechanisms" item`, columns: `item."name"` },
  product: { from: `"catalog"."products" item`, columns: `item."name"` },
  listing: { from: `"catalog"."listings" item`, columns: `item."title" AS "name"` },
};

/** Reads every catalog item for the item snapshot: a page of a kind in one query, its facts joined. */
@Injectable()
export class ItemSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(kind: CatalogItemKind, afterId: string | null, limit: number): Promise<ItemSnapshotItemV1[]> {
    const read = READS[kind];
    const rows = await this.dataSource.query<SnapshotRow[]>(
      `SELECT item."id" AS "itemId", item."version", ${read.columns}
         FROM ${read.from}
        ${afterId ? 'WHERE item."id" > $2' : ''}
        ORDER BY item."id" LIMIT $1`,
      afterId ? [limit, afterId] : [limit],
    );
    return rows.map((row) => ({
      kind,
      itemId: row.itemId,
      name: row.name,
      version: row.version,
      ...(read.facts ? { facts: read.facts(row) } : {}),
    }));
  }
}
