import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FavouriteEntity } from './favourite.entity.js';

/** The only code that touches favourites; it reads the listings they name from the offers read model. */
@Injectable()
export class FavouritesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether the listing can be favourited — an offer of kind `listing` in the offers read model, not deleted,
   * published (`active`, or `sold`: buyers keep those; a draft or archived listing is `inactive`) — holding
   * its offer row (FOR SHARE) until the transaction ends: a deletion arriving meanwhile waits, then removes
   * what this transaction added.
   */
  async holdListing(tx: Tx, listingId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "orders"."offers"
        WHERE "item_id" = $1 AND "kind" = 'listing' AND NOT "deleted" AND "status" IN ('active', 'sold')
          FOR SHARE`,
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

  /** The buyer's favourites with their listings' titles (joined with offers), by the list query (newest first by default). */
  list(buyerId: string, query: ParsedListQuery): Promise<Page<FavouriteEntity>> {
    const builder = this.dataSource
      .getRepository(FavouriteEntity)
      .createQueryBuilder('favourite')
      .innerJoinAndSelect('favourite.listing', 'listing', 'NOT listing.deleted')
      .where('favourite.buyerId = :buyerId', { buyerId });
    return findPage(builder, query);
  }

  /** The buyer's favourite of the listing with its title, or null when the listing is not among them. */
  findOne(buyerId: string, listingId: string): Promise<FavouriteEntity | null> {
    return this.dataSource
      .getRepository(FavouriteEntity)
      .createQueryBuilder('favourite')
      .innerJoinAndSelect('favourite.listing', 'listing', 'NOT listing.deleted')
      .where('favourite.buyerId = :buyerId AND favourite.listingId = :listingId', { buyerId, listingId })
      .getOne();
  }

  /** The listing is gone from the catalog (the offers consumer, in its transaction): every favourite of it goes. */
  async forgetListing(tx: Tx, listingId: string): Promise<void> {
    await tx.query(`DELETE FROM "orders"."favourites" WHERE "listing_id" = $1`, [listingId]);
  }

  /** Listings retired from the offers (a rebuild from catalog's snapshot no longer saw them): their favourites go. */
  async forgetListings(tx: Tx, listingIds: readonly string[]): Promise<void> {
    if (listingIds.length === 0) {
      return;
    }
    await tx.query(`DELETE FROM "orders"."favourites" WHERE "listing_id" = ANY($1::uuid[])`, [
      [...listingIds],
    ]);
  }

  /** A deleted buyer's favourites go. */
  async forgetBuyer(tx: Tx, buyerId: string): Promise<void> {
    await tx.query(`DELETE FROM "orders"."favourites" WHERE "buyer_id" = $1`, [buyerId]);
  }
}
