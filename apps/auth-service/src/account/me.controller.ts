import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails } from '@agora/http';
import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NoStore } from '../sessions/no-store.interceptor.js';
import { UserDto } from '../users/user.dto.js';
import { UpdateOwnAccountDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';

@ApiTags('me')
@Authenticated()
@NoStore()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }

  /** Seed 001's form: `POST /me` returns the current user. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  mePost(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.accounts.get(user.id);
  }

  /**
   * Own changes: login, password (with the current one; a new password ends the other sign-ins). Role
   * and verified are refused (400).
   */
  @Patch()
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({
    type: ProblemDetails,
    description: 'VALIDATION_FAILED, WRONG_CURRENT_PASSWORD, WEAK_PASSWORD',
  })
  @ApiConflictResponse({ type: ProblemDetails })
  @ApiTooManyRequestsResponse({
    type: ProblemDetails,
    description: 'TOO_MANY_ATTEMPTS: wrong current passwords count as failed sign-ins of the account',
  })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateOwnAccountDto,
    @Req() request: FastifyRequest,
  ): Promise<UserDto> {
    return this.accounts.updateOwn(user, dto, request.ip);
  }
}
