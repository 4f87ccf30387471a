import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProfileEntity } from '../../profiles/profile.entity.js';
import { ProjectEntity } from './project.entity.js';

export const PROJECT_ROLES = ['viewer', 'editor'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** A follower of the owner a project is shared with: a viewer reads its tasks, an editor changes them. */
@Entity({ name: 'cotask_project_members' })
@Index('cotask_project_members_key', ['projectId', 'userId'], { unique: true })
@Index('cotask_project_members_user_idx', ['userId', 'projectId'])
@Index('cotask_project_members_project_created_idx', ['projectId', 'createdAt', 'id'])
export class ProjectMemberEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @ManyToOne(() => ProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: ProfileEntity;

  @Column({ type: 'text' })
  role!: ProjectRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
