import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { GoalPlan } from './goal-plan.js';

export const GOAL_STATUSES = ['proposed', 'accepted'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** What accepting a goal made. */
export interface GoalOutcome {
  readonly taskIds: readonly string[];
  readonly habitIds: readonly string[];
  readonly deckIds: readonly string[];
}

/** A goal and the concretizer's plan for it: proposed (editable), then accepted (its plan made real, once). */
@Entity({ name: 'cotask_goals' })
@Index('cotask_goals_user_created_idx', ['userId', 'createdAt', 'id'])
export class GoalEntity extends VersionedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: ProfileEntity;

  @Column({ type: 'text' })
  title!: string;

  /** `YYYY-MM-DD` in `timeZone`. */
  @Column({ type: 'date' })
  deadline!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ type: 'jsonb' })
  plan!: GoalPlan;

  @Column({ type: 'text', default: 'proposed' })
  status!: GoalStatus;

  @Column({ type: 'jsonb', nullable: true })
  outcome!: GoalOutcome | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;
}
