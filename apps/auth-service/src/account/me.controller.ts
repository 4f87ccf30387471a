import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ProblemDetails } from '@agora/http';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserDto } from '../users/user.dto.js';
import { UpdateOwnAccountDto } from './account.dto.js';
import { AccountsService } from './accounts.service.js';

@ApiTags('me')
@Authenticated()
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

  /** Own changes: login, password (with the current one). Role and verified are refused (400). */
  @Patch()
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiConflictResponse({ type: ProblemDetails })
  update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateOwnAccountDto): Promise<UserDto> {
    return this.accounts.updateOwn(user, dto);
  }
}
