import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CheckinKind } from './habit-schedule.js';
import { HabitEntity } from './habit.entity.js';

/** A habit's day: checked in (with a value for numeric habits and a note) or frozen ahead; one per day. */
@Entity({ name: 'cotask_habit_checkins' })
@Index('cotask_habit_checkins_day_key', ['habitId', 'date'], { unique: true })
export class HabitCheckinEntity extends AgoraEntity {
  @Column({ name: 'habit_id', type: 'uuid' })
  habitId!: string;

  @ManyToOne(() => HabitEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'habit_id' })
  habit?: HabitEntity;

  /** The local day in the habit's time zone. */
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  kind!: CheckinKind;

  /** A numeric habit's amount that day; null for yes/no habits and freezes. */
  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  @Column({ type: 'text', default: '' })
  note!: string;
}
