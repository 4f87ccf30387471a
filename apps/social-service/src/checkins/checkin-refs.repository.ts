import { type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';

/** The only code that touches `social.checkin_refs`; every method runs in the inbox's transaction. */
@Injectable()
export class CheckinRefsRepository {
  /** Records a check-in (none again, nor after its deletion); resolves whether it was new. */
  async add(tx: Tx, checkinId: string, authorId: string, itemId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO "social"."checkin_refs" ("checkin_id", "author_id", "item_id") VALUES ($1, $2, $3)
       ON CONFLICT ("checkin_id") DO NOTHING RETURNING 1`,
      [checkinId, authorId, itemId],
    );
    return rows.length > 0;
  }

  /** Marks a check-in deleted (a tombstone, whether or not its creation was seen). */
  async remove(tx: Tx, checkinId: string, authorId: string, itemId: string): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."checkin_refs" ("checkin_id", "author_id", "item_id", "deleted") VALUES ($1, $2, $3, true)
       ON CONFLICT ("checkin_id") DO UPDATE SET "deleted" = true`,
      [checkinId, authorId, itemId],
    );
  }

  /** Whether the author has a check-in of the item that is not deleted. */
  async anyLeft(tx: Tx, authorId: string, itemId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "social"."checkin_refs" WHERE "author_id" = $1 AND "item_id" = $2 AND NOT "deleted" LIMIT 1`,
      [authorId, itemId],
    );
    return rows.length > 0;
  }

  /**
   * Serialises one author's check-in events on one item (they arrive keyed by check-in, so in any order across
   * check-ins): the first-one and last-one decisions see each other's writes.
   */
  async lockAuthorItem(tx: Tx, authorId: string, itemId: string): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('social.checkins:' || $1 || ':' || $2, 0))`,
      [authorId, itemId],
    );
  }
}
