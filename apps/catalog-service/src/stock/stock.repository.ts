import { type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { StockHoldEntity } from './stock-hold.entity.js';
import { StockOrderEntity } from './stock-order.entity.js';

/** The only code that touches the saga's orders and their holds (one aggregate: an order's hold). */
@Injectable()
export class StockRepository {
  /**
   * The order's row, created `unseen` when it is new, locked until the transaction ends: every event about one
   * order waits for the one before it.
   */
  async claim(tx: Tx, orderId: string, buyerId: string): Promise<StockOrderEntity> {
    await tx.query(
      `INSERT INTO "catalog"."stock_orders" ("order_id", "buyer_id") VALUES ($1, $2)
       ON CONFLICT ("order_id") DO NOTHING`,
      [orderId, buyerId],
    );
    return tx.findOneOrFail(StockOrderEntity, {
      where: { orderId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async save(tx: Tx, order: StockOrderEntity): Promise<void> {
    await tx.save(StockOrderEntity, order);
  }

  async addHolds(tx: Tx, holds: readonly StockHoldEntity[]): Promise<void> {
    if (holds.length > 0) {
      await tx.insert(StockHoldEntity, [...holds]);
    }
  }

  /** The order's holds, by item id. */
  holdsOf(tx: Tx, orderId: string): Promise<StockHoldEntity[]> {
    return tx.find(StockHoldEntity, { where: { orderId }, order: { itemId: 'ASC' } });
  }
}
