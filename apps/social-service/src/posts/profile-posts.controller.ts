import { MaybeUser, OptionallyAuthenticated, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
import { POST_LIST_QUERY, PostPageDto } from './posts.dto.js';
import { PostsService } from './posts.service.js';

@ApiTags('posts')
@Controller('profiles')
export class ProfilePostsController {
  constructor(private readonly posts: PostsService) {}

  /** The user's posts the caller may read, newest first. */
  @Get(':userId/posts')
  @OptionallyAuthenticated()
  @ApiListQuery(POST_LIST_QUERY)
  @ApiOkResponse({ type: PostPageDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PRIVATE_ACCOUNT')
  list(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('userId') userId: string,
    @ListQuery(POST_LIST_QUERY) query: ParsedListQuery,
  ): Promise<PostPageDto> {
    return this.posts.listByAuthor(viewer, userId, query);
  }
}
