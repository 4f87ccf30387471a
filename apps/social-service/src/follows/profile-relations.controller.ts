import { MaybeUser, OptionallyAuthenticated, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
import { RELATION_LIST_QUERY, RelatedUserPageDto } from './follows.dto.js';
import { FollowsService } from './follows.service.js';

/** A profile's followers and following, newest first. */
@ApiTags('follows')
@Controller('profiles')
@OptionallyAuthenticated()
export class ProfileRelationsController {
  constructor(private readonly follows: FollowsService) {}

  @Get(':userId/followers')
  @ApiListQuery(RELATION_LIST_QUERY)
  @ApiOkResponse({ type: RelatedUserPageDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PRIVATE_ACCOUNT')
  followers(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('userId') userId: string,
    @ListQuery(RELATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    return this.follows.followers(viewer, userId, query);
  }

  @Get(':userId/following')
  @ApiListQuery(RELATION_LIST_QUERY)
  @ApiOkResponse({ type: RelatedUserPageDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PRIVATE_ACCOUNT')
  following(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('userId') userId: string,
    @ListQuery(RELATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    return this.follows.following(viewer, userId, query);
  }
}
