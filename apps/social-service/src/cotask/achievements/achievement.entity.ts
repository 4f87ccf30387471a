import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { AchievementKind, ShareVisibility } from './achievement.types.js';

/** A CoTask achievement of a user, once per kind, subject and milestone (issue 19). */
@Entity({ name: 'cotask_achievements' })
@Index('cotask_achievements_key', ['userId', 'kind', 'subjectId', 'milestone'], { unique: true })
@Index('cotask_achievements_user_created_idx', ['userId', 'createdAt', 'id'])
export class AchievementEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** A deleted account's achievements go with its profile. */
  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: ProfileEntity;

  @Column({ type: 'text' })
  kind!: AchievementKind;

  /** The task, habit or deck it is about. */
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'integer' })
  milestone!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  visibility!: ShareVisibility;

  /** The feed post that shares it; null when private (or the user had no public profile). */
  @Column({ name: 'post_id', type: 'uuid', nullable: true })
  postId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
