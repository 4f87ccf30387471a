import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { ShareVisibility } from '../achievements/achievement.types.js';
import type { HabitScheduleKind, HabitType } from './habit-schedule.js';

/** A user's habit (issue 19): yes/no or numeric, on a schedule, in its own time zone. */
@Entity({ name: 'cotask_habits' })
@Index('cotask_habits_user_created_idx', ['userId', 'createdAt', 'id'])
@Index('cotask_habits_user_title_idx', ['userId', 'title', 'id'])
export class HabitEntity extends VersionedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** A deleted account's habits go with its profile. */
  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: ProfileEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  type!: HabitType;

  /** A numeric habit's amount per day (3 cups, 10 km); null for yes/no. */
  @Column({ type: 'double precision', nullable: true })
  target!: number | null;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ type: 'text' })
  schedule!: HabitScheduleKind;

  @Column({ name: 'times_per_week', type: 'smallint', nullable: true })
  timesPerWeek!: number | null;

  /** ISO weekdays (1 = Monday … 7 = Sunday) of a `weekdays` habit, ascending; empty otherwise. */
  @Column({ type: 'smallint', array: true, default: () => "'{}'" })
  weekdays!: number[];

  /** The IANA zone whose days the habit counts in. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  /** `HH:MM` on the habit's clocks; null: no reminder. */
  @Column({ name: 'reminder_time', type: 'text', nullable: true })
  reminderTime!: string | null;

  @Column({ name: 'share_milestones', type: 'text', default: 'private' })
  shareMilestones!: ShareVisibility;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  /** The habit's first local day: no check-in before it. */
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;
}
