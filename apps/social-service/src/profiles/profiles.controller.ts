import { ProblemDetails, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PROFILE_LIST_QUERY, ProfileDto, ProfilePageDto, UpdateProfileDto } from './profiles.dto.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('profiles')
@Controller('profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  /** Profiles of verified accounts: id, login, display name, avatar and creation date. */
  @Get()
  @ApiListQuery(PROFILE_LIST_QUERY)
  @ApiOkResponse({ type: ProfilePageDto })
  list(@ListQuery(PROFILE_LIST_QUERY) query: ParsedListQuery): Promise<ProfilePageDto> {
    return this.profiles.list(query);
  }

  /** A verified account's profile; an unverified or unknown account's is a 404. */
  @Get(':userId')
  @ApiOkResponse({ type: ProfileDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiNotFoundResponse({ type: ProblemDetails })
  get(@UuidParam('userId') userId: string): Promise<ProfileDto> {
    return this.profiles.get(userId);
  }

  /** The caller's own profile; the access token is verified here against auth-service's JWKS. */
  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: ProfileDto })
  @ApiBadRequestResponse({ type: ProblemDetails })
  @ApiNotFoundResponse({ type: ProblemDetails })
  updateMine(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.profiles.updateDisplayName(user.id, dto.displayName);
  }
}
