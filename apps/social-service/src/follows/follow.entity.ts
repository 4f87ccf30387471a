import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ProfileEntity } from '../profiles/profile.entity.js';

export const FOLLOW_STATUSES = ['active', 'pending'] as const;
export type FollowStatus = (typeof FOLLOW_STATUSES)[number];

/**
 * `follower` follows `followee`: `active` at once for an open account, `pending` (a follow request) for a
 * private one until it is accepted. One row per pair; both profiles' counts move with `active` rows only.
 */
@Entity({ name: 'follows' })
@Unique('follows_pair_key', ['followerId', 'followeeId'])
@Index('follows_followee_created_idx', ['followeeId', 'status', 'createdAt', 'id'])
@Index('follows_follower_created_idx', ['followerId', 'status', 'createdAt', 'id'])
export class FollowEntity extends AgoraEntity {
  @Column({ name: 'follower_id', type: 'uuid' })
  followerId!: string;

  @Column({ name: 'followee_id', type: 'uuid' })
  followeeId!: string;

  @Column({ type: 'text' })
  status!: FollowStatus;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follower_id' })
  follower?: ProfileEntity;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'followee_id' })
  followee?: ProfileEntity;
}
