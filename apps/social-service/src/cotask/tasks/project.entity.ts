import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { ShareVisibility } from '../achievements/achievement.types.js';

/** A CoTask project of tasks, in sections, shared with chosen followers of its owner (issue 19). */
@Entity({ name: 'cotask_projects' })
@Index('cotask_projects_owner_created_idx', ['ownerId', 'createdAt', 'id'])
@Index('cotask_projects_owner_name_idx', ['ownerId', 'name', 'id'])
export class ProjectEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** A deleted account's projects go with its profile. */
  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: ProfileEntity;

  @Column({ type: 'text' })
  name!: string;

  /** Who sees a completed task of the project in the feed (an achievement); `private`: nobody else. */
  @Column({ name: 'share_completions', type: 'text', default: 'private' })
  shareCompletions!: ShareVisibility;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
