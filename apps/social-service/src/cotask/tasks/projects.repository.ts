import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ShareVisibility } from '../achievements/achievement.types.js';
import { ProjectMemberEntity, type ProjectRole } from './project-member.entity.js';
import { ProjectSectionEntity } from './project-section.entity.js';
import { ProjectEntity } from './project.entity.js';

/** A project and the caller's role in it. */
export interface ProjectAccess {
  readonly project: ProjectEntity;
  readonly role: 'owner' | ProjectRole;
}

/** The only code that touches projects, their sections and members. */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    tx: Tx,
    ownerId: string,
    name: string,
    shareCompletions: ShareVisibility,
  ): Promise<ProjectEntity> {
    const id = newId();
    await tx.insert(ProjectEntity, { id, ownerId, name, shareCompletions });
    return tx.findOneByOrFail(ProjectEntity, { id });
  }

  /** The project and the user's role in it, or null when it does not exist or is not theirs to see. */
  async access(
    userId: string,
    projectId: string,
    tx: Tx = this.dataSource.manager,
    lock = false,
  ): Promise<ProjectAccess | null> {
    const project = await tx.findOne(ProjectEntity, {
      where: { id: projectId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!project) {
      return null;
    }
    if (project.ownerId === userId) {
      return { project, role: 'owner' };
    }
    const member = await tx.findOneBy(ProjectMemberEntity, { projectId, userId });
    return member ? { project, role: member.role } : null;
  }

  sections(projectId: string, tx: Tx = this.dataSource.manager): Promise<ProjectSectionEntity[]> {
    return tx.find(ProjectSectionEntity, { where: { projectId }, order: { position: 'ASC', id: 'ASC' } });
  }

  section(tx: Tx, projectId: string, sectionId: string): Promise<ProjectSectionEntity | null> {
    return tx.findOneBy(ProjectSectionEntity, { id: sectionId, projectId });
  }

  /** A section at the end (the caller holds the project's row lock). */
  async addSection(tx: Tx, projectId: string, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."cotask_project_sections" ("id", "project_id", "name", "position")
       SELECT $1, $2, $3, COALESCE(MAX("position"), 0) + 1 FROM "social"."cotask_project_sections" WHERE "project_id" = $2`,
      [newId(), projectId, name],
    );
  }

  /** Removes the section; its tasks stay in the project, outside any section. */
  async removeSection(tx: Tx, projectId: string, sectionId: string): Promise<boolean> {
    const result = await tx.delete(ProjectSectionEntity, { id: sectionId, projectId });
    return (result.affected ?? 0) > 0;
  }

  async save(tx: Tx, project: ProjectEntity): Promise<ProjectEntity> {
    return tx.save(project);
  }

  async remove(tx: Tx, projectId: string): Promise<void> {
    await tx.delete(ProjectEntity, { id: projectId });
  }

  /** The projects the user owns or is a member of. */
  list(userId: string, query: ParsedListQuery, searchable: readonly string[]): Promise<Page<ProjectEntity>> {
    const builder = this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('project')
      .where(
        `(project.ownerId = :userId OR project.id IN
           (SELECT "project_id" FROM "social"."cotask_project_members" WHERE "user_id" = :userId))`,
        { userId },
      );
    return findPage(builder, query, searchable);
  }

  /** Adds the member or changes their role. */
  async putMember(
    tx: Tx,
    projectId: string,
    userId: string,
    role: ProjectRole,
  ): Promise<ProjectMemberEntity> {
    await tx.query(
      `INSERT INTO "social"."cotask_project_members" ("id", "project_id", "user_id", "role") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("project_id", "user_id") DO UPDATE SET "role" = EXCLUDED."role"`,
      [newId(), projectId, userId, role],
    );
    return tx.findOneByOrFail(ProjectMemberEntity, { projectId, userId });
  }

  async removeMember(tx: Tx, projectId: string, userId: string): Promise<boolean> {
    const result = await tx.delete(ProjectMemberEntity, { projectId, userId });
    return (result.affected ?? 0) > 0;
  }

  listMembers(projectId: string, query: ParsedListQuery): Promise<Page<ProjectMemberEntity>> {
    const builder = this.dataSource
      .getRepository(ProjectMemberEntity)
      .createQueryBuilder('member')
      .where('member.projectId = :projectId', { projectId });
    return findPage(builder, query);
  }

  async hasMembers(tx: Tx, projectId: string): Promise<boolean> {
    const [row] = await tx.query<{ shared: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "social"."cotask_project_members" WHERE "project_id" = $1) AS shared`,
      [projectId],
    );
    return row?.shared ?? false;
  }
}
