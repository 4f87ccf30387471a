import { MaybeUser, OptionallyAuthenticated, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../../social.errors.js';
import { ACHIEVEMENT_LIST_QUERY, AchievementPageDto } from './achievements.dto.js';
import { AchievementsService } from './achievements.service.js';

/** A profile's CoTask achievements: public ones to anyone, followers' to followers, private ones to its user. */
@ApiTags('productivity')
@Controller('profiles')
@OptionallyAuthenticated()
export class AchievementsController {
  constructor(private readonly achievements: AchievementsService) {}

  @Get(':userId/achievements')
  @ApiListQuery(ACHIEVEMENT_LIST_QUERY)
  @ApiOkResponse({ type: AchievementPageDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PRIVATE_ACCOUNT')
  list(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('userId') userId: string,
    @ListQuery(ACHIEVEMENT_LIST_QUERY) query: ParsedListQuery,
  ): Promise<AchievementPageDto> {
    return this.achievements.list(viewer, userId, query);
  }
}
