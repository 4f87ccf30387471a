import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { USER_LIST_QUERY, UserDto, UserPageDto } from '../users/user.dto.js';
import { ChangeRoleDto, PatchUserDto, ReplaceUserDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

/** What an admin's edit of an account can answer. */
const ADMIN_EDIT_ERRORS = [
  AuthErrorCode.USER_NOT_FOUND,
  AuthErrorCode.EMAIL_TAKEN,
  AuthErrorCode.LOGIN_TAKEN,
  AuthErrorCode.ACCOUNT_CONFLICT,
  AuthErrorCode.OWN_ROLE_CHANGE,
] as const;

/** Seed 001 user management for admins: `/users`, `/user/:id` (the gateway maps `/user` here). */
@ApiTags('users (admin)')
@Authenticated('admin')
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
  @ApiAuthErrors(AuthErrorCode.USER_NOT_FOUND)
  get(@UuidParam('id') id: string): Promise<UserDto> {
    return this.accounts.get(id);
  }

  @Put(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(...ADMIN_EDIT_ERRORS)
  replace(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ReplaceUserDto,
  ): Promise<UserDto> {
    return this.accounts.updateByAdmin(admin, id, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(...ADMIN_EDIT_ERRORS)
  patch(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchUserDto,
  ): Promise<UserDto> {
    return this.accounts.updateByAdmin(admin, id, dto);
  }

  @Put(':id/role')
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(AuthErrorCode.USER_NOT_FOUND, AuthErrorCode.OWN_ROLE_CHANGE)
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
  @ApiAuthErrors(AuthErrorCode.USER_NOT_FOUND)
  async delete(@UuidParam('id') id: string): Promise<void> {
    await this.accounts.delete(id, 'deleted-by-admin');
  }
}
