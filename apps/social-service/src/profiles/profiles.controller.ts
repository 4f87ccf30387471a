import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
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
  @ApiSocialErrors('PROFILE_NOT_FOUND')
  get(@UuidParam('userId') userId: string): Promise<ProfileDto> {
    return this.profiles.get(userId);
  }

  /**
   * The caller's own profile (display name, bio, avatar, contacts, marketplace links, private); the access
   * token is verified here against auth-service's JWKS.
   */
  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: ProfileDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'MEDIA_NOT_FOUND', 'NOT_YOUR_MEDIA')
  @ApiConditionalWrite()
  updateMine(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: UpdateProfileDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProfileDto> {
    return this.profiles.update(user, dto, expected);
  }
}
