import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiHttpErrors, HttpErrorCode } from '@agora/http';
import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NoStore } from '../sessions/no-store.interceptor.js';
import { IdentitiesService } from './identities.service.js';
import { IdentityDto, ProviderParamDto } from './oauth.dto.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

@ApiTags('me')
@Authenticated()
@NoStore()
@Controller('me/identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  /** The Google and Yandex accounts linked to the current user. */
  @Get()
  @ApiOkResponse({ type: IdentityDto, isArray: true })
  list(@CurrentUser() user: AuthenticatedUser): Promise<IdentityDto[]> {
    return this.identities.list(user);
  }

  @Delete(':provider')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiHttpErrors(HttpErrorCode.VALIDATION_FAILED)
  @ApiAuthErrors(AuthErrorCode.IDENTITY_NOT_FOUND, AuthErrorCode.LAST_SIGN_IN_METHOD)
  async unlink(
    @CurrentUser() user: AuthenticatedUser,
    @Param() { provider }: ProviderParamDto,
  ): Promise<void> {
    await this.identities.unlink(user, provider);
  }
}
