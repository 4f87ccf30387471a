import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NoStore } from '../sessions/no-store.interceptor.js';
import { UserDto } from '../users/user.dto.js';
import { UpdateOwnAccountDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

@ApiTags('me')
@Authenticated()
@NoStore()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(AuthErrorCode.USER_NOT_FOUND)
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }

  /** Seed 001's form: `POST /me` returns the current user. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(AuthErrorCode.USER_NOT_FOUND)
  mePost(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }

  /**
   * Own changes: login, password (with the current one; a new password ends the other sign-ins). Role
   * and verified are refused (400).
   */
  @Patch()
  @ApiOkResponse({ type: UserDto })
  @ApiAuthErrors(
    AuthErrorCode.WRONG_CURRENT_PASSWORD,
    AuthErrorCode.WEAK_PASSWORD,
    // Wrong current passwords count as failed sign-ins of the account.
    AuthErrorCode.TOO_MANY_ATTEMPTS,
    AuthErrorCode.LOGIN_TAKEN,
    AuthErrorCode.EMAIL_TAKEN,
    AuthErrorCode.ACCOUNT_CONFLICT,
    AuthErrorCode.USER_NOT_FOUND,
  )
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateOwnAccountDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return this.accounts.updateOwn(user, dto, request.ip);
  }
}
