import type { LikeKind } from '@agora/contracts';
import { newId, type Tx } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { CheckinCommentEntity } from '../checkins/checkin-comment.entity.js';
import { CheckinEntity } from '../checkins/checkin.entity.js';
import { CoffeeEntity } from '../coffees/coffee.entity.js';
import { ListingEntity } from '../listings/listing.entity.js';
import { MechanismEntity } from '../mechanisms/mechanism.entity.js';
import { WatchEntity } from '../watches/watch.entity.js';
import { LikeTargetEntity } from './like-target.entity.js';
import { LikeEntity } from './like.entity.js';

/**
 * Each likeable kind's rows: who owns one (to notify), which of them may be liked (listings: active or
 * sold ones only), and the like target's column pointing at it.
 */
const THINGS: Readonly<
  Record<
    LikeKind,
    { entity: EntityTarget<ObjectLiteral>; owner: string; visible?: string; column: keyof LikeTargetEntity }
  >
> = {
  checkin: { entity: CheckinEntity, owner: 'author_id', column: 'checkinId' },
  comment: { entity: CheckinCommentEntity, owner: 'author_id', column: 'commentId' },
  coffee: { entity: CoffeeEntity, owner: 'created_by', column: 'coffeeId' },
  watch: { entity: WatchEntity, owner: 'created_by', column: 'watchId' },
  mechanism: { entity: MechanismEntity, owner: 'created_by', column: 'mechanismId' },
  listing: {
    entity: ListingEntity,
    owner: 'seller_id',
    visible: `status IN ('active', 'sold')`,
    column: 'listingId',
  },
};

/** Likes and the liked things' counts. */
@Injectable()
export class LikesRepository {
  private readonly list: ListSource<LikeEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.list = new ListSource<LikeEntity>(dataSource, LikeEntity, { alias: 'like' });
  }

  /**
   * The thing's owner, its row key-share locked for the rest of the transaction (its deletion waits, or went
   * first); null when there is no such thing anyone may like.
   */
  async lockThing(tx: Tx, kind: LikeKind, id: string): Promise<string | null> {
    const thing = THINGS[kind];
    const rows = await tx.query<{ owner: string }[]>(
      `SELECT ${thing.owner} AS owner FROM ${this.table(tx, thing.entity)}
        WHERE id = $1${thing.visible ? ` AND ${thing.visible}` : ''} FOR KEY SHARE`,
      [id],
    );
    return rows[0]?.owner ?? null;
  }

  /** Whether the thing exists and may be liked (no lock). */
  async thingExists(kind: LikeKind, id: string): Promise<boolean> {
    const thing = THINGS[kind];
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM ${this.table(this.dataSource.manager, thing.entity)}
        WHERE id = $1${thing.visible ? ` AND ${thing.visible}` : ''}`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * The thing's like count, its target row created if it had none and row-locked for the rest of the
   * transaction: the likes of one thing change one transaction at a time.
   */
  async lockCount(tx: Tx, kind: LikeKind, id: string): Promise<number> {
    const metadata = tx.connection.getMetadata(LikeTargetEntity);
    const column = metadata.findColumnWithPropertyName(THINGS[kind].column)!.databaseName;
    const table = this.table(tx, LikeTargetEntity);
    await tx.query(
      `INSERT INTO ${table} (id, kind, like_count, "${column}") VALUES ($1, $2, 0, $1) ON CONFLICT (id) DO NOTHING`,
      [id, kind],
    );
    const [row] = await tx.query<{ count: number }[]>(
      `SELECT like_count AS count FROM ${table} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return Number(row.count);
  }

  /** Adds the user's like; false when it was there already. */
  async add(tx: Tx, targetId: string, userId: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(LikeEntity)
      .values(tx.create(LikeEntity, { id: newId(), targetId, userId }))
      .orIgnore()
      .returning('id')
      .execute();
    // node-postgres's rows of RETURNING: none when the like was there already.
    return (result.raw as unknown[]).length > 0;
  }

  /** Takes the user's like back; false when there was none. */
  async remove(tx: Tx, targetId: string, userId: string): Promise<boolean> {
    const result = await tx.delete(LikeEntity, { targetId, userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Takes back every like of the user (deleted), each liked thing's count with it: the UPDATE row-locks the
   * like targets as a like does, so racing likes of others keep their counts right.
   */
  async removeAllOf(tx: Tx, userId: string): Promise<void> {
    await tx.query(
      `WITH gone AS (DELETE FROM ${this.table(tx, LikeEntity)} WHERE user_id = $1 RETURNING target_id)
       UPDATE ${this.table(tx, LikeTargetEntity)} target SET like_count = target.like_count - 1
         FROM gone WHERE target.id = gone.target_id`,
      [userId],
    );
  }

  async setCount(tx: Tx, targetId: string, count: number): Promise<void> {
    await tx.update(LikeTargetEntity, { id: targetId }, { likeCount: count });
  }

  /** The thing's like count now (0 when never liked). */
  async countOf(targetId: string): Promise<number> {
    const row = await this.dataSource.manager.findOneBy(LikeTargetEntity, { id: targetId });
    return row?.likeCount ?? 0;
  }

  async likedBy(targetId: string, userId: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(LikeEntity, { targetId, userId });
  }

  page(targetId: string, query: ParsedListQuery): Promise<Page<LikeEntity>> {
    return this.list.page(query, [{ field: 'targetId', operator: 'eq', value: targetId }]);
  }

  private table(tx: Tx, entity: EntityTarget<ObjectLiteral>): string {
    const metadata = tx.connection.getMetadata(entity);
    return metadata.schema ? `"${metadata.schema}"."${metadata.tableName}"` : `"${metadata.tableName}"`;
  }
}
