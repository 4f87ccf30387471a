import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { ItemRepository } from '../items/item.repository.js';
import type { Tx } from '@agora/database';
import { LISTING_LIST_QUERY } from './listing.dto.js';
import { ListingTagEntity } from './listing-tag.entity.js';
import { ListingEntity, type ListingStatus } from './listing.entity.js';

export interface ListingPageFilters {
  readonly tag?: string;
  /** Only this seller's listings, in every status (their own view). */
  readonly sellerId?: string;
  /** Otherwise only listings in these statuses. */
  readonly statuses: readonly ListingStatus[];
}

/** Marketplace listings with their tags. */
@Injectable()
export class ListingsRepository extends ItemRepository<ListingEntity> {
  protected readonly entity = ListingEntity;

  page(query: ParsedListQuery, filters: ListingPageFilters): Promise<Page<ListingEntity>> {
    const builder = this.withTags();
    if (filters.sellerId) {
      builder.andWhere('listing.sellerId = :sellerId', { sellerId: filters.sellerId });
    } else {
      builder.andWhere('listing.status IN (:...visible)', { visible: filters.statuses });
    }
    if (filters.tag) {
      builder.andWhere(
        `EXISTS (SELECT 1 FROM catalog.listing_tags link JOIN catalog.dictionary_values tag ON tag.id = link.tag_id
                 WHERE link.listing_id = listing.id AND lower(tag.name) = lower(:tag))`,
        { tag: filters.tag },
      );
    }
    return findPage(builder, query, LISTING_LIST_QUERY.searchable);
  }

  /** The catalog coffee or watch each of these listings sells (rows that name neither are left out). */
  soldItems(
    tx: Tx,
    ids: readonly string[],
  ): Promise<{ id: string; coffeeId: string | null; watchId: string | null }[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return tx.query(
      `SELECT id, coffee_id AS "coffeeId", watch_id AS "watchId" FROM "catalog"."listings"
        WHERE id = ANY($1::uuid[]) AND num_nonnulls(coffee_id, watch_id) > 0 ORDER BY id`,
      [ids],
    );
  }

  findLoaded(id: string): Promise<ListingEntity | null> {
    return this.withTags().where('listing.id = :id', { id }).getOne();
  }

  /** The listing, share-locked for the rest of the transaction (changes to it wait). */
  lockShared(tx: Tx, id: string): Promise<ListingEntity | null> {
    return tx.findOne(ListingEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  async replaceTags(tx: Tx, listingId: string, tagIds: readonly string[]): Promise<void> {
    await tx.delete(ListingTagEntity, { listingId });
    if (tagIds.length > 0) {
      await tx.insert(
        ListingTagEntity,
        tagIds.map((tagId) => ({ listingId, tagId })),
      );
    }
  }

  private withTags(): SelectQueryBuilder<ListingEntity> {
    return this.dataSource.manager
      .createQueryBuilder(ListingEntity, 'listing')
      .leftJoinAndSelect('listing.tagLinks', 'tagLink')
      .leftJoinAndSelect('tagLink.tag', 'tag');
  }
}
