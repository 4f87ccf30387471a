import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateProjectDto,
  CreateSectionDto,
  MEMBER_LIST_QUERY,
  MemberDto,
  MemberPageDto,
  PROJECT_LIST_QUERY,
  ProjectDto,
  ProjectPageDto,
  PutMemberDto,
  UpdateProjectDto,
} from './projects.dto.js';
import { ProjectsService } from './projects.service.js';
import { ApiTaskErrors } from './tasks.errors.js';

/** CoTask projects: sections, and sharing with the owner's followers as viewers or editors (issue 19). */
@ApiTags('tasks')
@Controller('projects')
@Authenticated()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiTaskErrors('EMPTY_TITLE')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(user, dto);
  }

  /** The projects the caller owns or is a member of. */
  @Get()
  @ApiListQuery(PROJECT_LIST_QUERY)
  @ApiOkResponse({ type: ProjectPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(PROJECT_LIST_QUERY) query: ParsedListQuery,
  ): Promise<ProjectPageDto> {
    return this.projects.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProjectDto })
  @ApiTaskErrors('PROJECT_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ProjectDto> {
    return this.projects.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProjectDto })
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_OWNER', 'EMPTY_TITLE')
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdateProjectDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProjectDto> {
    return this.projects.update(user, id, dto, expected);
  }

  /** The owner deletes the project with its sections and tasks. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_OWNER')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.projects.remove(user, id);
  }

  /** The owner or an editor adds a section at the end. */
  @Post(':id/sections')
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_EDITOR', 'EMPTY_TITLE')
  addSection(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CreateSectionDto,
  ): Promise<ProjectDto> {
    return this.projects.addSection(user, id, dto);
  }

  /** Removes a section; its tasks stay in the project. */
  @Delete(':id/sections/:sectionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_EDITOR', 'SECTION_NOT_FOUND')
  removeSection(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('sectionId') sectionId: string,
  ): Promise<void> {
    return this.projects.removeSection(user, id, sectionId);
  }

  /** Who the project is shared with (to its owner and members). */
  @Get(':id/members')
  @ApiListQuery(MEMBER_LIST_QUERY)
  @ApiOkResponse({ type: MemberPageDto })
  @ApiTaskErrors('PROJECT_NOT_FOUND')
  members(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @ListQuery(MEMBER_LIST_QUERY) query: ParsedListQuery,
  ): Promise<MemberPageDto> {
    return this.projects.members(user, id, query);
  }

  /** The owner shares the project with a follower as viewer or editor (or changes their role). */
  @Put(':id/members/:userId')
  @ApiOkResponse({ type: MemberDto })
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_OWNER', 'MEMBER_NOT_FOLLOWER')
  putMember(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
    @Body() dto: PutMemberDto,
  ): Promise<MemberDto> {
    return this.projects.putMember(user, id, userId, dto);
  }

  /** The owner removes a member, or a member leaves. */
  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiTaskErrors('PROJECT_NOT_FOUND', 'NOT_PROJECT_OWNER', 'MEMBER_NOT_FOUND')
  removeMember(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<void> {
    return this.projects.removeMember(user, id, userId);
  }
}
