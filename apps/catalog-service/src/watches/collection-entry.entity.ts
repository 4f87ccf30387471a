import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { WatchEntity } from './watch.entity.js';

/** Seed 002 `collection`: the watches a user owns, once each; rows go with the watch or the user. */
@Entity({ name: 'collections' })
// List sorts (ties by id) and filters; the trigram GIN behind search is written in the ListIndexes migration.
@Index('collections_user_created_at_sort_idx', ['userId', 'createdAt', 'id'])
@Unique('collections_user_watch_key', ['userId', 'watchId'])
export class CollectionEntryEntity extends AgoraEntity {
  /** auth-service's user; removed on `auth.user.deleted.v1`. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Index('collections_watch_idx')
  @Column({ name: 'watch_id', type: 'uuid' })
  watchId!: string;

  @ManyToOne(() => WatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'watch_id' })
  watch?: Relation<WatchEntity>;
}
