import type { CheckinKind } from '@agora/contracts';
import type { Tx } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import type { Translatable } from '../translations/translatable.js';
import { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import { MediaOwnerEntity } from '../photos/media-owner.entity.js';
import { LocationEntity } from '../shop-info/location.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { CheckinEntity } from './checkin.entity.js';
import { CheckinPhotoEntity } from './checkin-photo.entity.js';
import { CheckinTagEntity } from './checkin-tag.entity.js';
import type { RatingAggregate } from './rating.js';

/** Each kind's item rows, and the check-in column pointing at them. */
const ITEMS: Readonly<
  Record<
    CheckinKind,
    { entity: EntityTarget<ObjectLiteral>; column: 'coffeeId' | 'watchId'; hasBarcode: boolean }
  >
> = {
  coffee: { entity: CoffeeEntity, column: 'coffeeId', hasBarcode: true },
  watch: { entity: WatchEntity, column: 'watchId', hasBarcode: false },
};

export const checkinKindOf = (checkin: Pick<CheckinEntity, 'coffeeId'>): CheckinKind =>
  checkin.coffeeId !== null ? 'coffee' : 'watch';

export const checkinItemOf = (checkin: Pick<CheckinEntity, 'coffeeId' | 'watchId'>): string =>
  (checkin.coffeeId ?? checkin.watchId)!;

/** An item as a check-in's transaction sees it: its title and its ratings. */
export interface RatedItem {
  readonly name: string;
  readonly aggregate: RatingAggregate;
  /** The pack's barcode (coffees), which a check-in photo must show to verify the check-in; null without. */
  readonly barcode: string | null;
}

interface AggregateRow {
  name: string;
  barcode: string | null;
  count: number;
  sum: number;
  distribution: number[];
  weight: number;
  weighted: number;
}

export interface TopRow {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly prior: number;
  readonly aggregate: RatingAggregate;
}

export interface CheckinPhotoRow {
  readonly checkinId: string;
  readonly mediaId: string;
  readonly position: number;
  readonly width: number;
  readonly height: number;
  readonly blurhash: string;
}

/** Check-ins, their tags and photos, and the rating columns of the items they are about. */
@Injectable()
export class CheckinsRepository {
  private readonly list: ListSource<CheckinEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<CheckinEntity>(dataSource, CheckinEntity, { alias: 'checkin' });
  }

  /** Reads outside a transaction. */
  get reader(): Tx {
    return this.dataSource.manager;
  }

  /**
   * The item row-locked for the rest of the transaction, with its ratings; null when there is none. Every
   * write of a check-in takes this lock first, so one item's check-ins and aggregate change one at a time.
   */
  async lockItem(tx: Tx, kind: CheckinKind, itemId: string): Promise<RatedItem | null> {
    const row = await tx
      .createQueryBuilder(ITEMS[kind].entity, 'item')
      .select('item.name', 'name')
      .addSelect('item.ratingCount', 'count')
      .addSelect('item.ratingSum', 'sum')
      .addSelect('item.ratingDistribution', 'distribution')
      .addSelect('item.ratingWeight', 'weight')
      .addSelect('item.ratingWeightedSum', 'weighted')
      .addSelect(ITEMS[kind].hasBarcode ? 'item.barcode' : 'NULL::text', 'barcode')
      .where('item.id = :itemId', { itemId })
      .setLock('pessimistic_write')
      .getRawOne<AggregateRow>();
    return row ? { name: row.name, aggregate: toAggregate(row), barcode: row.barcode } : null;
  }

  /** The item's ratings now (no lock); null when there is no such item. */
  async ratingOf(kind: CheckinKind, itemId: string, tx: Tx = this.reader): Promise<RatingAggregate | null> {
    const row = await tx
      .createQueryBuilder(ITEMS[kind].entity, 'item')
      .select('item.name', 'name')
      .addSelect('item.ratingCount', 'count')
      .addSelect('item.ratingSum', 'sum')
      .addSelect('item.ratingDistribution', 'distribution')
      .addSelect('item.ratingWeight', 'weight')
      .addSelect('item.ratingWeightedSum', 'weighted')
      .where('item.id = :itemId', { itemId })
      .getRawOne<AggregateRow>();
    return row ? toAggregate(row) : null;
  }

  /** Writes the item's ratings; leaves its version and updatedAt alone (a rating is no edit of the item). */
  async saveAggregate(tx: Tx, kind: CheckinKind, itemId: string, aggregate: RatingAggregate): Promise<void> {
    await tx.query(
      `UPDATE ${this.table(tx, ITEMS[kind].entity)}
          SET rating_count = $1, rating_sum = $2, rating_distribution = $3, rating_weight = $4,
              rating_weighted_sum = $5
        WHERE id = $6`,
      [
        aggregate.count,
        aggregate.sumQuarters,
        aggregate.distribution,
        aggregate.weight,
        aggregate.weightedQuarters,
        itemId,
      ],
    );
  }

  build(tx: Tx, values: DeepPartial<CheckinEntity>): CheckinEntity {
    return tx.create(CheckinEntity, values);
  }

  save(tx: Tx, checkin: CheckinEntity): Promise<CheckinEntity> {
    return tx.save(checkin);
  }

  find(id: string, tx: Tx = this.reader): Promise<CheckinEntity | null> {
    return tx.findOneBy(CheckinEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<CheckinEntity | null> {
    return tx.findOne(CheckinEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(CheckinEntity, { id });
  }

  /** The author's check-in on the item whose rating counts (their latest); null when they have none. */
  counted(tx: Tx, kind: CheckinKind, itemId: string, authorId: string): Promise<CheckinEntity | null> {
    return tx.findOneBy(CheckinEntity, { [ITEMS[kind].column]: itemId, authorId, counted: true });
  }

  /** The author's newest check-in on the item; null when they have none left. */
  newest(tx: Tx, kind: CheckinKind, itemId: string, authorId: string): Promise<CheckinEntity | null> {
    return tx.findOne(CheckinEntity, {
      where: { [ITEMS[kind].column]: itemId, authorId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /**
   * Marks every check-in of the author on the item a verified purchase or not, without touching versions or
   * updatedAt (the author changed nothing); returns the counted one as it was before, if its flag changed.
   */
  async setVerifiedPurchase(
    tx: Tx,
    kind: CheckinKind,
    itemId: string,
    authorId: string,
    verified: boolean,
  ): Promise<CheckinEntity | null> {
    const column = kind === 'coffee' ? 'coffee_id' : 'watch_id';
    const table = this.table(tx, CheckinEntity);
    const changed = await tx.query<{ id: string; counted: boolean }[]>(
      `SELECT id, counted FROM ${table}
        WHERE ${column} = $1 AND author_id = $2 AND verified_purchase <> $3
        ORDER BY id FOR UPDATE`,
      [itemId, authorId, verified],
    );
    if (changed.length === 0) {
      return null;
    }
    const counted = changed.find((row) => row.counted);
    const before = counted ? await this.find(counted.id, tx) : null;
    await tx.query(`UPDATE ${table} SET verified_purchase = $1 WHERE id = ANY($2::uuid[])`, [
      verified,
      changed.map((row) => row.id),
    ]);
    return before;
  }

  /** Marks whether the check-in's rating counts, without touching its version or updatedAt. */
  async setCounted(tx: Tx, id: string, counted: boolean): Promise<void> {
    await tx.query(`UPDATE ${this.table(tx, CheckinEntity)} SET counted = $1 WHERE id = $2`, [counted, id]);
  }

  page(kind: CheckinKind, itemId: string, query: ParsedListQuery): Promise<Page<CheckinEntity>> {
    return this.list.page(query, [{ field: ITEMS[kind].column, operator: 'eq', value: itemId }]);
  }

  async setTags(tx: Tx, checkinId: string, tagIds: readonly string[]): Promise<void> {
    await tx.delete(CheckinTagEntity, { checkinId });
    if (tagIds.length > 0) {
      await tx.insert(
        CheckinTagEntity,
        tagIds.map((tagId) => ({ checkinId, tagId })),
      );
    }
  }

  async setPhotos(tx: Tx, checkinId: string, mediaIds: readonly string[]): Promise<void> {
    await tx.delete(CheckinPhotoEntity, { checkinId });
    if (mediaIds.length > 0) {
      await tx.insert(
        CheckinPhotoEntity,
        mediaIds.map((mediaId, position) => ({ checkinId, mediaId, position })),
      );
    }
  }

  /** The check-ins' tags (id, name and its translations), by name. */
  async tagsOf(
    checkinIds: readonly string[],
    tx: Tx = this.reader,
  ): Promise<({ checkinId: string; id: string } & Translatable)[]> {
    if (checkinIds.length === 0) {
      return [];
    }
    return tx
      .createQueryBuilder(CheckinTagEntity, 'link')
      .innerJoin(DictionaryValueEntity, 'tag', 'tag.id = link.tagId')
      .select('link.checkinId', 'checkinId')
      .addSelect('tag.id', 'id')
      .addSelect('tag.name', 'name')
      .addSelect('tag.language', 'language')
      .addSelect('tag.translations', 'translations')
      .where('link.checkinId IN (:...checkinIds)', { checkinIds })
      .orderBy('tag.name')
      .addOrderBy('tag.id')
      .getRawMany();
  }

  /** The check-ins' photos whose media still exists, in order. */
  async photosOf(checkinIds: readonly string[], tx: Tx = this.reader): Promise<CheckinPhotoRow[]> {
    if (checkinIds.length === 0) {
      return [];
    }
    return tx
      .createQueryBuilder(CheckinPhotoEntity, 'photo')
      .innerJoin(MediaOwnerEntity, 'media', 'media.mediaId = photo.mediaId')
      .select('photo.checkinId', 'checkinId')
      .addSelect('photo.mediaId', 'mediaId')
      .addSelect('photo.position', 'position')
      .addSelect('media.width', 'width')
      .addSelect('media.height', 'height')
      .addSelect('media.blurhash', 'blurhash')
      .where('photo.checkinId IN (:...checkinIds)', { checkinIds })
      .orderBy('photo.position')
      .getRawMany();
  }

  /** The shop location, key-share locked so it cannot go while the check-in naming it is written. */
  lockLocation(tx: Tx, id: string): Promise<LocationEntity | null> {
    return tx.findOne(LocationEntity, { where: { id }, lock: { mode: 'for_key_share' } });
  }

  /**
   * The kind's `limit` best rated items by Bayesian average `(C × prior + Σ w·stars) / (C + Σ w)` (w: each
   * rating's weight, a verified purchase 2, any other 1), the prior being the kind's weighted mean over every
   * counted rating. The rated rows' counts and sums come from a
   * partial index (index-only); PostgreSQL keeps the best `limit` in a bounded top-N sort, and only those are
   * read from the table.
   */
  async top(kind: CheckinKind, weight: number, limit: number): Promise<TopRow[]> {
    const table = this.table(this.reader, ITEMS[kind].entity);
    const rows = await this.reader.query<
      {
        id: string;
        name: string;
        score: number;
        prior: number;
        count: number;
        sum: number;
        distribution: number[];
        weight: number;
        weighted: number;
      }[]
    >(topListSql(table), [weight, limit]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      score: Number(row.score),
      prior: Number(row.prior),
      aggregate: toAggregate(row),
    }));
  }

  private table(tx: Tx, entity: EntityTarget<ObjectLiteral>): string {
    const metadata = tx.connection.getMetadata(entity);
    return metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
  }
}

/**
 * The top list's statement over an item table (`$1` the weight, `$2` the limit): the kind's mean over the rated
 * rows, each rated row's Bayesian average, the best `$2` by it (ties by id), then their rows.
 */
export function topListSql(table: string): string {
  return `WITH rated AS (
         SELECT id, rating_weight, rating_weighted_sum FROM ${table} WHERE rating_count > 0
       ), prior AS (
         SELECT sum(rating_weighted_sum)::float8 / 4 / sum(rating_weight) AS mean FROM rated
       ), best AS (
         SELECT rated.id, prior.mean AS prior,
                ($1::float8 * prior.mean + rated.rating_weighted_sum::float8 / 4) / ($1::int + rated.rating_weight) AS score
           FROM rated CROSS JOIN prior
          ORDER BY score DESC, rated.id
          LIMIT $2
       )
       SELECT best.id, best.score, best.prior, item.name, item.rating_count AS count, item.rating_sum AS sum,
              item.rating_distribution AS distribution, item.rating_weight AS weight,
              item.rating_weighted_sum AS weighted
         FROM best JOIN ${table} item ON item.id = best.id
        ORDER BY best.score DESC, best.id`;
}

function toAggregate(
  row: Pick<AggregateRow, 'count' | 'sum' | 'distribution' | 'weight' | 'weighted'>,
): RatingAggregate {
  return {
    count: Number(row.count),
    sumQuarters: Number(row.sum),
    distribution: row.distribution.map(Number),
    weight: Number(row.weight),
    weightedQuarters: Number(row.weighted),
  };
}
