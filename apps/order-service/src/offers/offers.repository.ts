import { modifyReturning, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { OfferEntity } from './offer.entity.js';

/** An offer's state as catalog tells it (an item event or a snapshot row). */
export interface OfferState {
  readonly itemId: string;
  readonly kind: 'product' | 'listing';
  readonly title: string;
  readonly sellerId: string | null;
  readonly status: 'active' | 'inactive' | 'sold';
  readonly priceMinor: number;
  readonly currency: string;
  readonly stock: number | null;
  readonly version: number;
}

/** An offer's stock as catalog's saga answers tell it. */
export interface StockState {
  readonly itemId: string;
  readonly status: 'active' | 'inactive' | 'sold';
  readonly stock: number | null;
  readonly version: number;
}

/**
 * The only code that touches offers: upserts from catalog (newest version wins; tombstones stay deleted),
 * reads for carts and checkouts, and holds of units for orders until catalog answers, under row locks.
 */
@Injectable()
export class OffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes each offer unless the row is deleted or at a newer version (one statement, any number of rows).
   * The same version applies again (events of one change carry the same state); `reserved` is never touched.
   */
  async upsert(tx: Tx, offers: readonly OfferState[]): Promise<void> {
    if (offers.length === 0) {
      return;
    }
    await tx.query(
      `INSERT INTO "orders"."offers" AS offer
              ("item_id", "kind", "title", "seller_id", "status", "price_minor", "currency", "stock", "version")
       SELECT "itemId", "kind", "title", "sellerId", "status", "priceMinor", "currency", "stock", "version"
         FROM jsonb_to_recordset($1::jsonb) AS x("itemId" uuid, "kind" text, "title" text, "sellerId" uuid,
              "status" text, "priceMinor" bigint, "currency" text, "stock" integer, "version" integer)
       ON CONFLICT ("item_id") DO UPDATE
          SET "kind" = EXCLUDED."kind", "title" = EXCLUDED."title", "seller_id" = EXCLUDED."seller_id",
              "status" = EXCLUDED."status", "price_minor" = EXCLUDED."price_minor",
              "currency" = EXCLUDED."currency", "stock" = EXCLUDED."stock", "version" = EXCLUDED."version",
              "updated_at" = now()
        WHERE NOT offer."deleted" AND offer."version" <= EXCLUDED."version"`,
      [JSON.stringify(offers)],
    );
  }

  /** A price change: the known offer's price and title, unless it is deleted or newer. */
  async reprice(
    tx: Tx,
    itemId: string,
    title: string,
    priceMinor: number,
    currency: string,
    version: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE "orders"."offers"
          SET "title" = $2, "price_minor" = $3, "currency" = $4, "version" = $5, "updated_at" = now()
        WHERE "item_id" = $1 AND NOT "deleted" AND "version" <= $5`,
      [itemId, title, priceMinor, currency, version],
    );
  }

  /** A renamed item from an event that carries no offer (written before offers existed). */
  async rename(tx: Tx, itemId: string, title: string, version: number): Promise<void> {
    await tx.query(
      `UPDATE "orders"."offers" SET "title" = $2, "version" = $3, "updated_at" = now()
        WHERE "item_id" = $1 AND NOT "deleted" AND "version" <= $3`,
      [itemId, title, version],
    );
  }

  /** The item is gone from the catalog: a tombstone, whatever arrives later. */
  async remove(tx: Tx, itemId: string, kind: 'product' | 'listing'): Promise<void> {
    await tx.query(
      `INSERT INTO "orders"."offers"
              ("item_id", "kind", "title", "status", "price_minor", "currency", "version", "deleted")
       VALUES ($1, $2, '', 'inactive', 0, 'XXX', 0, true)
       ON CONFLICT ("item_id") DO UPDATE SET "deleted" = true, "status" = 'inactive', "updated_at" = now()`,
      [itemId, kind],
    );
  }

  /**
   * Tombstones, as {@link remove} does, every live offer not written since `since` (one statement, locking in id
   * order as a checkout does): a snapshot read after `since` rewrote every offer it holds ({@link upsert}), so it
   * no longer holds these. Holds stay for catalog to answer, as on a deletion; orders keep the row. Resolves with the
   * retired offers.
   */
  retireUnwrittenSince(tx: Tx, since: Date): Promise<{ itemId: string; kind: 'product' | 'listing' }[]> {
    return modifyReturning(
      tx,
      `WITH unseen AS (
         SELECT "item_id" FROM "orders"."offers"
          WHERE NOT "deleted" AND "updated_at" < $1
          ORDER BY "item_id" FOR UPDATE)
       UPDATE "orders"."offers" AS offer SET "deleted" = true, "status" = 'inactive', "updated_at" = now()
         FROM unseen WHERE offer."item_id" = unseen."item_id"
       RETURNING offer."item_id" AS "itemId", offer."kind"`,
      [since],
    );
  }

  find(itemIds: readonly string[], tx: Tx = this.dataSource.manager): Promise<OfferEntity[]> {
    return itemIds.length === 0 ? Promise.resolve([]) : tx.findBy(OfferEntity, { itemId: In([...itemIds]) });
  }

  /** The offers, locked until the transaction ends, in id order (every checkout locks in the same order). */
  lock(tx: Tx, itemIds: readonly string[]): Promise<OfferEntity[]> {
    if (itemIds.length === 0) {
      return Promise.resolve([]);
    }
    return tx
      .getRepository(OfferEntity)
      .createQueryBuilder('offer')
      .where('offer.itemId IN (:...itemIds)', { itemIds: [...itemIds] })
      .orderBy('offer.itemId', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** `quantity` units of the (locked) offer held for the order until catalog answers for them. */
  async hold(tx: Tx, orderId: string, itemId: string, quantity: number): Promise<void> {
    await tx.query(
      `INSERT INTO "orders"."offer_holds" ("order_id", "item_id", "quantity") VALUES ($1, $2, $3)`,
      [orderId, itemId, quantity],
    );
    await tx.query(`UPDATE "orders"."offers" SET "reserved" = "reserved" + $2 WHERE "item_id" = $1`, [
      itemId,
      quantity,
    ]);
  }

  /**
   * Ends the order's holds (of these items only, when given) and takes their units off `reserved`: catalog has
   * answered for them. The offers are locked in id order first, as a checkout locks them. Ends each hold once;
   * resolves with the items whose holds it ended.
   */
  async settle(tx: Tx, orderId: string, itemIds?: readonly string[]): Promise<string[]> {
    const held = await tx.query<{ item_id: string }[]>(
      `SELECT "item_id" FROM "orders"."offer_holds"
        WHERE "order_id" = $1 AND ($2::uuid[] IS NULL OR "item_id" = ANY($2::uuid[]))`,
      [orderId, itemIds ? [...itemIds] : null],
    );
    if (held.length === 0) {
      return [];
    }
    await this.lock(
      tx,
      held.map((row) => row.item_id),
    );
    const ended = await tx.query<{ item_id: string }[]>(
      `WITH ended AS (
         DELETE FROM "orders"."offer_holds"
          WHERE "order_id" = $1 AND "item_id" = ANY($2::uuid[])
          RETURNING "item_id", "quantity")
       UPDATE "orders"."offers" AS offer SET "reserved" = offer."reserved" - ended."quantity"
         FROM ended WHERE offer."item_id" = ended."item_id"
       RETURNING offer."item_id"`,
      [orderId, held.map((row) => row.item_id)],
    );
    return ended.map((row) => row.item_id);
  }

  /**
   * catalog's offers after it held or released units (status, stock, version), unless the row is deleted or
   * newer: the same values as the item event of that version, whichever comes first.
   */
  async applyStock(tx: Tx, offers: readonly StockState[]): Promise<void> {
    if (offers.length === 0) {
      return;
    }
    await tx.query(
      `UPDATE "orders"."offers" AS offer
          SET "status" = x."status", "stock" = x."stock", "version" = x."version", "updated_at" = now()
         FROM jsonb_to_recordset($1::jsonb) AS x("itemId" uuid, "status" text, "stock" integer, "version" integer)
        WHERE offer."item_id" = x."itemId" AND NOT offer."deleted" AND offer."version" <= x."version"`,
      [JSON.stringify(offers)],
    );
  }
}
