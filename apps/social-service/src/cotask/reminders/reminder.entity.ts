import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import type { ReminderSubjectKind } from './reminder.types.js';

/**
 * A reminder of a task or habit for a user at `fireAt` (issue 19): the reminders job turns it into a
 * `reminder` notification pushed over the socket, once, and marks it fired. One pending reminder per user
 * and subject; scheduling again replaces it.
 */
@Entity({ name: 'cotask_reminders' })
@Index('cotask_reminders_pending_key', ['userId', 'subjectKind', 'subjectId'], {
  unique: true,
  where: '"fired_at" IS NULL',
})
@Index('cotask_reminders_due_idx', ['fireAt'], { where: '"fired_at" IS NULL' })
@Index('cotask_reminders_subject_idx', ['subjectKind', 'subjectId'])
export class ReminderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: ProfileEntity;

  @Column({ name: 'subject_kind', type: 'text' })
  subjectKind!: ReminderSubjectKind;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'fire_at', type: 'timestamptz' })
  fireAt!: Date;

  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true })
  firedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
