import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FavouriteEntity } from './favourite.entity.js';

/** The only code that touches favourites and the listings they may name. */
@Injectable()
export class FavouritesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether the listing is known and not deleted, holding it (FOR SHARE) until the transaction ends: a
   * deletion arriving meanwhile waits, then removes what this transaction added.
   */
  async holdListing(tx: Tx, listingId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "orders"."listing_refs" WHERE "listing_id" = $1 AND NOT "deleted" FOR SHARE`,
      [listingId],
    );
    return rows.length > 0;
  }

  /** Adds the favourite (nothing when the buyer has it already); true when added now. */
  async add(tx: Tx, buyerId: string, listingId: string): Promise<boolean> {
    const inserted = await tx.query<unknown[]>(
      `INSERT INTO "orders"."favourites" ("id", "buyer_id", "listing_id") VALUES ($1, $2, $3)
       ON CONFLICT ("buyer_id", "listing_id") DO NOTHING RETURNING "id"`,
      [newId(), buyerId, listingId],
    );
    return inserted.length > 0;
  }

  async remove(buyerId: string, listingId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "orders"."favourites" WHERE "buyer_id" = $1 AND "listing_id" = $2`,
      [buyerId, listingId],
    );
  }

  /** The buyer's favourites with their listings' titles, by the list query (newest first by default). */
  list(buyerId: string, query: ParsedListQuery): Promise<Page<FavouriteEntity>> {
    const builder = this.dataSource
      .getRepository(FavouriteEntity)
      .createQueryBuilder('favourite')
      .innerJoinAndSelect('favourite.listing', 'listing')
      .where('favourite.buyerId = :buyerId', { buyerId });
    return findPage(builder, query);
  }

  /** A listing's newest state from a catalog event; an older version than the one kept changes nothing. */
  async upsertListing(tx: Tx, listingId: string, title: string, version: number): Promise<void> {
    await tx.query(
      `INSERT INTO "orders"."listing_refs" ("listing_id", "title", "version") VALUES ($1, $2, $3)
       ON CONFLICT ("listing_id") DO UPDATE
          SET "title" = EXCLUDED."title", "version" = EXCLUDED."version", "updated_at" = now()
        WHERE "listing_refs"."version" < EXCLUDED."version" AND NOT "listing_refs"."deleted"`,
      [listingId, title, version],
    );
  }

  /** The listing is gone: its tombstone stays (no later change revives it), every favourite of it goes. */
  async deleteListing(tx: Tx, listingId: string): Promise<void> {
    await tx.query(
      `INSERT INTO "orders"."listing_refs" ("listing_id", "title", "version", "deleted") VALUES ($1, '', 0, true)
       ON CONFLICT ("listing_id") DO UPDATE SET "deleted" = true, "updated_at" = now()`,
      [listingId],
    );
    await tx.query(`DELETE FROM "orders"."favourites" WHERE "listing_id" = $1`, [listingId]);
  }

  /** A deleted buyer's favourites go. */
  async forgetBuyer(tx: Tx, buyerId: string): Promise<void> {
    await tx.query(`DELETE FROM "orders"."favourites" WHERE "buyer_id" = $1`, [buyerId]);
  }
}
