import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FeedPageDto, FeedQueryDto } from './feed.dto.js';
import { FeedService } from './feed.service.js';

@ApiTags('feed')
@Controller('feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  /** The caller's home feed: their own and followed authors' posts, newest first, by keyset cursor. */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: FeedPageDto })
  page(@CurrentUser() user: AuthenticatedUser, @Query() query: FeedQueryDto): Promise<FeedPageDto> {
    return this.feed.page(user, query.cursor, query.limit ?? 20);
  }
}
