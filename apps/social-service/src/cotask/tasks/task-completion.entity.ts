import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TaskEntity } from './task.entity.js';

/** One completion of a task: of its one occurrence, or of one occurrence of a recurring task. */
@Entity({ name: 'cotask_task_completions' })
@Index('cotask_task_completions_occurrence_key', ['taskId', 'occurrence'], { unique: true })
@Index('cotask_task_completions_task_created_idx', ['taskId', 'createdAt', 'id'])
@Index('cotask_task_completions_user_created_idx', ['userId', 'createdAt'])
export class TaskCompletionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne(() => TaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: TaskEntity;

  /** Who completed it (the owner, or an editor of its project). */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /**
   * The occurrence completed: its due (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` local), or `once` for a task
   * without a due; unique per task, so an occurrence is completed once.
   */
  @Column({ type: 'text' })
  occurrence!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
