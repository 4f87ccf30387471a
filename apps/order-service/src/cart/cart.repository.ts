import { newId, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CartLineEntity } from './cart-line.entity.js';

/** What a line is added with: the item and the price the buyer sees now. */
export interface NewCartLine {
  readonly userId: string;
  readonly itemId: string;
  readonly kind: 'product' | 'listing';
  readonly quantity: number;
  readonly priceMinor: number;
  readonly currency: string;
}

/** The only code that touches cart lines. */
@Injectable()
export class CartRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds the line, or adds the quantity to the user's line of the item (however many adds meet: one
   * statement on the unique key); either way the seen price becomes the current one. `created`: a new line.
   */
  async add(tx: Tx, line: NewCartLine): Promise<{ line: CartLineEntity; created: boolean }> {
    const rows = await tx.query<{ id: string; created: boolean }[]>(
      `INSERT INTO "orders"."cart_lines" AS line
              ("id", "user_id", "item_id", "kind", "quantity", "seen_price_minor", "seen_currency")
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("user_id", "item_id") DO UPDATE
          SET "quantity" = line."quantity" + EXCLUDED."quantity",
              "seen_price_minor" = EXCLUDED."seen_price_minor", "seen_currency" = EXCLUDED."seen_currency",
              "version" = line."version" + 1, "updated_at" = now()
       RETURNING "id", (xmax = 0) AS created`,
      [newId(), line.userId, line.itemId, line.kind, line.quantity, line.priceMinor, line.currency],
    );
    const [{ id, created }] = rows;
    return { line: await tx.findOneByOrFail(CartLineEntity, { id }), created };
  }

  /** The user's line, locked until the transaction ends. */
  lock(tx: Tx, userId: string, id: string): Promise<CartLineEntity | null> {
    return tx.findOne(CartLineEntity, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user's lines, oldest first; locked when a checkout takes them. */
  lines(userId: string, tx: Tx = this.dataSource.manager, lock = false): Promise<CartLineEntity[]> {
    return tx.find(CartLineEntity, {
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  count(tx: Tx, userId: string): Promise<number> {
    return tx.countBy(CartLineEntity, { userId });
  }

  async setQuantity(
    tx: Tx,
    line: CartLineEntity,
    quantity: number,
    priceMinor: number,
    currency: string,
  ): Promise<CartLineEntity> {
    line.quantity = quantity;
    line.seenPriceMinor = priceMinor;
    line.seenCurrency = currency;
    line.version += 1;
    return tx.save(CartLineEntity, line);
  }

  /** Removes the user's line; false when there was none. */
  async remove(tx: Tx, userId: string, id: string): Promise<boolean> {
    const result = await tx.delete(CartLineEntity, { id, userId });
    return (result.affected ?? 0) > 0;
  }

  async clear(tx: Tx, userId: string): Promise<void> {
    await tx.delete(CartLineEntity, { userId });
  }

  /** Removes lines of these items (a checkout placed them). */
  async removeItems(tx: Tx, userId: string, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length > 0) {
      await tx
        .createQueryBuilder()
        .delete()
        .from(CartLineEntity)
        .where('user_id = :userId AND item_id IN (:...itemIds)', { userId, itemIds: [...itemIds] })
        .execute();
    }
  }
}
