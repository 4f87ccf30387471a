import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { LikeTargetEntity } from './like-target.entity.js';

/** One user's like of one thing, once; it goes with the thing (through its like target). */
@Entity({ name: 'likes' })
@Unique('likes_target_user_key', ['targetId', 'userId'])
// Who liked, newest first (ties by id): the list of `GET /<things>/:id/likes`.
@Index('likes_target_created_at_sort_idx', ['targetId', 'createdAt', 'id'])
export class LikeEntity extends AgoraEntity {
  @Column({ name: 'target_id', type: 'uuid' })
  targetId!: string;

  @ManyToOne(() => LikeTargetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: LikeTargetEntity;

  /** auth-service's user. */
  @Index('likes_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;
}
