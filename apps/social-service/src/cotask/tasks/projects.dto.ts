import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { SHARE_VISIBILITIES, type ShareVisibility } from '../achievements/achievement.types.js';
import { PROJECT_ROLES, type ProjectMemberEntity, type ProjectRole } from './project-member.entity.js';
import type { ProjectSectionEntity } from './project-section.entity.js';
import type { ProjectEntity } from './project.entity.js';

export const PROJECT_NAME_MAX = 120;

/** Newest first; `sort=name` by name; `filter[ownerId]=` the ones of one owner. */
export const PROJECT_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', name: 'string', ownerId: 'uuid' },
  sortable: ['createdAt', 'name'],
  searchable: ['name'],
  defaultSort: '-createdAt',
};

/** Oldest first. */
export const MEMBER_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', role: 'string' },
  sortable: ['createdAt'],
  defaultSort: 'createdAt',
};

export class CreateProjectDto {
  @ApiProperty({ maxLength: PROJECT_NAME_MAX })
  @IsString()
  @MaxLength(PROJECT_NAME_MAX * 2)
  name!: string;

  @ApiPropertyOptional({
    enum: SHARE_VISIBILITIES,
    default: 'private',
    description: "Who sees a completed task of the project in the feed: like a post's visibility, or nobody",
  })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareCompletions?: ShareVisibility;
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ maxLength: PROJECT_NAME_MAX })
  @Omittable()
  @IsString()
  @MaxLength(PROJECT_NAME_MAX * 2)
  name?: string;

  @ApiPropertyOptional({ enum: SHARE_VISIBILITIES })
  @Omittable()
  @IsIn(SHARE_VISIBILITIES)
  shareCompletions?: ShareVisibility;
}

export class CreateSectionDto {
  @ApiProperty({ maxLength: PROJECT_NAME_MAX })
  @IsString()
  @MaxLength(PROJECT_NAME_MAX * 2)
  name!: string;
}

export class PutMemberDto {
  @ApiProperty({ enum: PROJECT_ROLES, description: '`viewer` reads the tasks; `editor` also changes them' })
  @IsIn(PROJECT_ROLES)
  role!: ProjectRole;
}

export class SectionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Sections are listed by position' })
  position!: number;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: SHARE_VISIBILITIES })
  shareCompletions!: ShareVisibility;

  @ApiProperty({ enum: ['owner', ...PROJECT_ROLES], description: "The caller's role in the project" })
  role!: 'owner' | ProjectRole;

  @ApiProperty({ type: [SectionDto] })
  sections!: SectionDto[];

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ProjectSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  ownerId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: SHARE_VISIBILITIES })
  shareCompletions!: ShareVisibility;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const ProjectPageDto = PageOf(ProjectSummaryDto);
export type ProjectPageDto = Page<ProjectSummaryDto>;

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  role!: ProjectRole;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const MemberPageDto = PageOf(MemberDto);
export type MemberPageDto = Page<MemberDto>;

export function toSectionDto(section: ProjectSectionEntity): SectionDto {
  return { id: section.id, name: section.name, position: section.position };
}

export function toProjectSummaryDto(project: ProjectEntity): ProjectSummaryDto {
  return {
    id: project.id,
    ownerId: project.ownerId,
    name: project.name,
    shareCompletions: project.shareCompletions,
    createdAt: project.createdAt.toISOString(),
  };
}

export function toProjectDto(
  project: ProjectEntity,
  role: 'owner' | ProjectRole,
  sections: readonly ProjectSectionEntity[],
): ProjectDto {
  return {
    ...toProjectSummaryDto(project),
    role,
    sections: sections.map(toSectionDto),
    version: project.version,
  };
}

export function toMemberDto(member: ProjectMemberEntity): MemberDto {
  return { userId: member.userId, role: member.role, createdAt: member.createdAt.toISOString() };
}
