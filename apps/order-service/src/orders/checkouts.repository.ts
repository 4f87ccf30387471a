import { newId, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { CheckoutEntity } from './checkout.entity.js';

/** A checkout row claimed for a request: a new one, or the one an earlier request with the same key made. */
export type CheckoutClaim =
  | { readonly claimed: true; readonly checkoutId: string }
  | { readonly claimed: false; readonly existing: CheckoutEntity };

/** The only code that touches checkouts (idempotency keys and their request hashes). */
@Injectable()
export class CheckoutsRepository {
  /**
   * Inserts the checkout; with a key that the buyer used before, returns that checkout instead. Two requests
   * with one key meet on its unique index: the second waits for the first to commit (then gets its
   * checkout) or roll back (then takes the key itself).
   */
  async claim(tx: Tx, buyerId: string, key: string | null, requestHash: string): Promise<CheckoutClaim> {
    const id = newId();
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO "orders"."checkouts" ("id", "buyer_id", "idempotency_key", "request_hash")
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ("buyer_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL DO NOTHING
       RETURNING "id"`,
      [id, buyerId, key, requestHash],
    );
    if (rows.length > 0) {
      return { claimed: true, checkoutId: id };
    }
    return {
      claimed: false,
      existing: await tx.findOneByOrFail(CheckoutEntity, { buyerId, idempotencyKey: key! }),
    };
  }
}
