import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ProfileEntity } from '../profiles/profile.entity.js';

/** `blocker` blocked `blocked`: neither sees the other's posts, comments or lists, and neither follows. */
@Entity({ name: 'blocks' })
@Unique('blocks_pair_key', ['blockerId', 'blockedId'])
@Index('blocks_blocked_idx', ['blockedId', 'blockerId'])
@Index('blocks_blocker_created_idx', ['blockerId', 'createdAt', 'id'])
export class BlockEntity extends AgoraEntity {
  @Column({ name: 'blocker_id', type: 'uuid' })
  blockerId!: string;

  @Column({ name: 'blocked_id', type: 'uuid' })
  blockedId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocker_id' })
  blocker?: ProfileEntity;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'blocked_id' })
  blocked?: ProfileEntity;
}
