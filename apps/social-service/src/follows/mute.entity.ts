import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { ProfileEntity } from '../profiles/profile.entity.js';

/** `muter` muted `muted`: the muted user's posts leave the muter's feed; nothing else changes. */
@Entity({ name: 'mutes' })
@Unique('mutes_pair_key', ['muterId', 'mutedId'])
@Index('mutes_muter_created_idx', ['muterId', 'createdAt', 'id'])
export class MuteEntity extends AgoraEntity {
  @Column({ name: 'muter_id', type: 'uuid' })
  muterId!: string;

  @Column({ name: 'muted_id', type: 'uuid' })
  mutedId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'muter_id' })
  muter?: ProfileEntity;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'muted_id' })
  muted?: ProfileEntity;
}
