import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';

/** The only code that touches order-service's record of who is a seller. */
@Injectable()
export class SellerAccountsRepository {
  /**
   * Records the user's role as of `tokenVersion` (a seller or not); an older role change than the one
   * recorded changes nothing.
   */
  async record(tx: Tx, userId: string, active: boolean, tokenVersion: number): Promise<void> {
    await tx.query(
      `INSERT INTO "orders"."seller_accounts" ("user_id", "active", "token_version") VALUES ($1, $2, $3)
       ON CONFLICT ("user_id") DO UPDATE
          SET "active" = EXCLUDED."active", "token_version" = EXCLUDED."token_version", "updated_at" = now()
        WHERE "seller_accounts"."token_version" < EXCLUDED."token_version"`,
      [userId, active, tokenVersion],
    );
  }

  async forget(tx: Tx, userId: string): Promise<void> {
    await tx.query(`DELETE FROM "orders"."seller_accounts" WHERE "user_id" = $1`, [userId]);
  }

  /** Whether the user is a seller now (as the last role change order-service heard of says). */
  async isActive(tx: Tx, userId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "orders"."seller_accounts" WHERE "user_id" = $1 AND "active"`,
      [userId],
    );
    return rows.length > 0;
  }
}
