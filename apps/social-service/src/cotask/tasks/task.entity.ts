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
import { ProjectSectionEntity } from './project-section.entity.js';
import { ProjectEntity } from './project.entity.js';

/**
 * A CoTask task (issue 19): the owner's own (no project) or in a project. Its due is a date (`dueOn`), or a
 * local date-time in `timeZone` (`dueLocal`, and `dueAt` the instant it is); a recurring one carries its
 * RFC 5545 rule and the wall time the rule is anchored at, and its due moves on at each completion.
 */
@Entity({ name: 'cotask_tasks' })
@Index('cotask_tasks_owner_created_idx', ['ownerId', 'createdAt', 'id'], { where: '"project_id" IS NULL' })
@Index('cotask_tasks_owner_due_idx', ['ownerId', 'dueOn', 'id'], { where: '"project_id" IS NULL' })
@Index('cotask_tasks_owner_priority_idx', ['ownerId', 'priority', 'id'], { where: '"project_id" IS NULL' })
@Index('cotask_tasks_project_created_idx', ['projectId', 'createdAt', 'id'])
@Index('cotask_tasks_project_due_idx', ['projectId', 'dueOn', 'id'])
@Index('cotask_tasks_project_priority_idx', ['projectId', 'priority', 'id'])
@Index('cotask_tasks_parent_idx', ['parentId'])
@Index('cotask_tasks_section_idx', ['sectionId'])
export class TaskEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Who created it; a project's tasks are seen by its owner and members whoever created them. */
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: ProfileEntity;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId!: string | null;

  @ManyToOne(() => ProjectSectionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'section_id' })
  section?: ProjectSectionEntity;

  /** The task it is a subtask of (one level). */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: TaskEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  labels!: string[];

  /** 1 (most urgent) to 4 (the default), as Todoist's p1–p4. */
  @Column({ type: 'smallint', default: 4 })
  priority!: number;

  /** The due date (in `timeZone` when it has a time). */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  /** The due's local time as `HH:mm`, null for a due date without a time. */
  @Column({ name: 'due_time', type: 'text', nullable: true })
  dueTime!: string | null;

  /** The instant of a due with a time. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** IANA zone of a due with a time. */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone!: string | null;

  /** A hard date, apart from the due (when it must be done by, not when to do it). */
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** The RFC 5545 rule (`FREQ=WEEKLY;BYDAY=MO`), without DTSTART. */
  @Column({ type: 'text', nullable: true })
  recurrence!: string | null;

  /** The local wall time the rule counts from (`YYYY-MM-DDTHH:mm`): the due when the rule was set. */
  @Column({ name: 'recurrence_anchor', type: 'text', nullable: true })
  recurrenceAnchor!: string | null;

  /** A reminder this many minutes before the due (each occurrence's, for a recurring task). */
  @Column({ name: 'remind_minutes_before', type: 'integer', nullable: true })
  remindMinutesBefore!: number | null;

  /** A reminder at this instant. */
  @Column({ name: 'remind_at', type: 'timestamptz', nullable: true })
  remindAt!: Date | null;

  /** When it was completed for good; a recurring task stays open until its rule ends. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
