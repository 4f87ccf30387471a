import { modifyReturning, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { PurchaseKind } from './purchase.entity.js';

/** One bought item of an order. */
export interface Bought {
  readonly buyerId: string;
  readonly itemId: string;
  readonly kind: PurchaseKind;
}

/** The only code that touches purchases: who has an issued order of which item. */
@Injectable()
export class PurchasesRepository {
  /** Records the order's items as bought (again: nothing changes); returns the rows that are new. */
  async add(tx: Tx, orderId: string, items: readonly Bought[]): Promise<Bought[]> {
    if (items.length === 0) {
      return [];
    }
    return modifyReturning<Bought>(
      tx,
      `INSERT INTO "catalog"."purchases" ("buyer_id", "item_id", "order_id", "kind")
       SELECT bought.buyer_id, bought.item_id, $3::uuid, bought.kind
         FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS bought (buyer_id, item_id, kind)
       ON CONFLICT DO NOTHING
       RETURNING "buyer_id" AS "buyerId", "item_id" AS "itemId", "kind"`,
      [
        items.map((item) => item.buyerId),
        items.map((item) => item.itemId),
        orderId,
        items.map((item) => item.kind),
      ],
    );
  }

  /** Takes back every purchase of the order; returns the rows removed. */
  removeOrder(tx: Tx, orderId: string): Promise<Bought[]> {
    return modifyReturning<Bought>(
      tx,
      `DELETE FROM "catalog"."purchases" WHERE "order_id" = $1
       RETURNING "buyer_id" AS "buyerId", "item_id" AS "itemId", "kind"`,
      [orderId],
    );
  }

  /** Whether the buyer has an issued (and not refunded) order of the item. */
  async has(tx: Tx, buyerId: string, itemId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "catalog"."purchases" WHERE "buyer_id" = $1 AND "item_id" = $2 LIMIT 1`,
      [buyerId, itemId],
    );
    return rows.length > 0;
  }
}
