import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, sanitizeText, textLength, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { FollowsRepository } from '../../follows/follows.repository.js';
import {
  PROJECT_LIST_QUERY,
  PROJECT_NAME_MAX,
  toMemberDto,
  toProjectDto,
  toProjectSummaryDto,
  type CreateProjectDto,
  type CreateSectionDto,
  type MemberDto,
  type MemberPageDto,
  type ProjectDto,
  type ProjectPageDto,
  type PutMemberDto,
  type UpdateProjectDto,
} from './projects.dto.js';
import { ProjectsRepository, type ProjectAccess } from './projects.repository.js';
import { TaskErrorCode, TaskException } from './tasks.errors.js';
import { lockOwnerProfile } from '../owner-profile.js';

/** A name or title as stored: sanitized, 1 to `max` characters (EMPTY_TITLE, or a 422 naming the field). */
export function cleanName(text: string, max: number, field: string): string {
  const clean = sanitizeText(text);
  if (clean.length === 0 || textLength(clean) > max) {
    throw new TaskException(TaskErrorCode.EMPTY_TITLE, `The ${field} must be 1 to ${max} characters`, {
      errors: [{ field, messages: [`1 to ${max} characters after sanitizing`] }],
    });
  }
  return clean;
}

/** CoTask projects with sections, shared with followers of the owner as viewers or editors (issue 19). */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly relations: FollowsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateProjectDto): Promise<ProjectDto> {
    const name = cleanName(dto.name, PROJECT_NAME_MAX, 'name');
    const project = await this.unitOfWork.run(async (tx) => {
      await lockOwnerProfile(tx, user.id);
      return this.projects.create(tx, user.id, name, dto.shareCompletions ?? 'private');
    });
    return toProjectDto(project, 'owner', []);
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<ProjectPageDto> {
    return mapPage(
      await this.projects.list(user.id, query, PROJECT_LIST_QUERY.searchable ?? []),
      toProjectSummaryDto,
    );
  }

  async get(user: AuthenticatedUser, projectId: string): Promise<ProjectDto> {
    const { project, role } = await this.access(user.id, projectId);
    return toProjectDto(project, role, await this.projects.sections(projectId));
  }

  async update(
    user: AuthenticatedUser,
    projectId: string,
    dto: UpdateProjectDto,
    expected: ExpectedVersions,
  ): Promise<ProjectDto> {
    const name = dto.name === undefined ? undefined : cleanName(dto.name, PROJECT_NAME_MAX, 'name');
    return this.unitOfWork.run(async (tx) => {
      const { project } = await this.owned(tx, user.id, projectId);
      assertVersionMatches(expected, project.version);
      project.name = name ?? project.name;
      project.shareCompletions = dto.shareCompletions ?? project.shareCompletions;
      project.version += 1;
      const saved = await this.projects.save(tx, project);
      return toProjectDto(saved, 'owner', await this.projects.sections(projectId, tx));
    });
  }

  /** The owner deletes the project with its sections and tasks. */
  async remove(user: AuthenticatedUser, projectId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.owned(tx, user.id, projectId);
      await this.projects.remove(tx, projectId);
    });
  }

  /** The owner or an editor adds a section at the end. */
  async addSection(user: AuthenticatedUser, projectId: string, dto: CreateSectionDto): Promise<ProjectDto> {
    const name = cleanName(dto.name, PROJECT_NAME_MAX, 'name');
    return this.unitOfWork.run(async (tx) => {
      const access = await this.editable(tx, user.id, projectId);
      await this.projects.addSection(tx, projectId, name);
      return toProjectDto(access.project, access.role, await this.projects.sections(projectId, tx));
    });
  }

  async removeSection(user: AuthenticatedUser, projectId: string, sectionId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.editable(tx, user.id, projectId);
      if (!(await this.projects.removeSection(tx, projectId, sectionId))) {
        throw new TaskException(TaskErrorCode.SECTION_NOT_FOUND, 'No section with this id in the project');
      }
    });
  }

  /** The owner shares the project with one of their followers (or changes their role). */
  async putMember(
    user: AuthenticatedUser,
    projectId: string,
    memberId: string,
    dto: PutMemberDto,
  ): Promise<MemberDto> {
    return this.unitOfWork.run(async (tx) => {
      await this.owned(tx, user.id, projectId);
      const relation = await this.relations.relation(memberId, user.id);
      if (memberId === user.id || !relation.follows || relation.blocked) {
        throw new TaskException(
          TaskErrorCode.MEMBER_NOT_FOLLOWER,
          'A project is shared only with people who follow its owner',
        );
      }
      return toMemberDto(await this.projects.putMember(tx, projectId, memberId, dto.role));
    });
  }

  /** The owner removes a member, or a member leaves. */
  async removeMember(user: AuthenticatedUser, projectId: string, memberId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const access = await this.access(user.id, projectId, tx, true);
      if (access.role !== 'owner' && memberId !== user.id) {
        throw new TaskException(TaskErrorCode.NOT_PROJECT_OWNER, 'Only the owner removes other members');
      }
      if (!(await this.projects.removeMember(tx, projectId, memberId))) {
        throw new TaskException(TaskErrorCode.MEMBER_NOT_FOUND, 'This user is not a member of the project');
      }
    });
  }

  async members(user: AuthenticatedUser, projectId: string, query: ParsedListQuery): Promise<MemberPageDto> {
    await this.access(user.id, projectId);
    return mapPage(await this.projects.listMembers(projectId, query), toMemberDto);
  }

  /** The project and the user's role, or PROJECT_NOT_FOUND for anyone who is neither owner nor member. */
  async access(userId: string, projectId: string, tx?: Tx, lock = false): Promise<ProjectAccess> {
    const access = await this.projects.access(userId, projectId, tx, lock);
    if (!access) {
      throw new TaskException(TaskErrorCode.PROJECT_NOT_FOUND, 'No project with this id that you may see');
    }
    return access;
  }

  /** The project, locked, when the user may change its tasks (owner or editor). */
  async editable(tx: Tx, userId: string, projectId: string): Promise<ProjectAccess> {
    const access = await this.access(userId, projectId, tx, true);
    if (access.role === 'viewer') {
      throw new TaskException(
        TaskErrorCode.NOT_PROJECT_EDITOR,
        'A viewer reads the project; editors change it',
      );
    }
    return access;
  }

  private async owned(tx: Tx, userId: string, projectId: string): Promise<ProjectAccess> {
    const access = await this.access(userId, projectId, tx, true);
    if (access.role !== 'owner') {
      throw new TaskException(TaskErrorCode.NOT_PROJECT_OWNER, 'Only the owner changes or shares a project');
    }
    return access;
  }
}
