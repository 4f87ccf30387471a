import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { USER_LIST_QUERY, UserDto, UserPageDto } from '../users/user.dto.js';
import { ChangeRoleDto, PatchUserDto, ReplaceUserDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';

/** Seed 001 user management for admins: `/users`, `/user/:id` (the gateway maps `/user` here). */
@ApiTags('users (admin)')
@Authenticated('admin')
@ApiNotFoundResponse({ type: ProblemDetails })
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiListQuery(USER_LIST_QUERY)
  @ApiOkResponse({ type: UserPageDto })
  list(@ListQuery(USER_LIST_QUERY) query: ParsedListQuery): Promise<UserPageDto> {
    return this.accounts.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@UuidParam('id') id: string): Promise<UserDto> {
    return this.accounts.get(id);
  }

  @Put(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails })
  replace(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ReplaceUserDto,
  ): Promise<UserDto> {
    return this.accounts.updateByAdmin(admin, id, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails })
  patch(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchUserDto,
  ): Promise<UserDto> {
    return this.accounts.updateByAdmin(admin, id, dto);
  }

  @Put(':id/role')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ type: ProblemDetails, description: 'OWN_ROLE_CHANGE' })
  changeRole(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<UserDto> {
    return this.accounts.changeRole(admin, id, dto.role);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@UuidParam('id') id: string): Promise<void> {
    await this.accounts.delete(id, 'deleted-by-admin');
  }
}
