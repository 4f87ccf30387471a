import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
import {
  COMMENT_LIST_QUERY,
  CommentDto,
  CommentPageDto,
  CreateCommentDto,
  CreatePostDto,
  LikeStateDto,
  POST_LIST_QUERY,
  PostDto,
  PostRevisionPageDto,
  UpdatePostDto,
} from './posts.dto.js';
import { PostsService } from './posts.service.js';

@ApiTags('posts')
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  /** A new post by the caller; photos must be the caller's uploads. */
  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: PostDto })
  @ApiSocialErrors(
    'PROFILE_REQUIRED',
    'EMPTY_POST',
    'TEXT_TOO_LONG',
    'MEDIA_NOT_FOUND',
    'NOT_YOUR_MEDIA',
    'ITEM_NOT_FOUND',
  )
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreatePostDto): Promise<PostDto> {
    return this.posts.create(user, dto);
  }

  /** A post the caller may read (public, or the author's follower); a 404 otherwise. */
  @Get(':id')
  @OptionallyAuthenticated()
  @ApiOkResponse({ type: PostDto })
  @ApiSocialErrors('POST_NOT_FOUND')
  get(@MaybeUser() viewer: AuthenticatedUser | undefined, @UuidParam('id') id: string): Promise<PostDto> {
    return this.posts.get(viewer, id);
  }

  /** The author edits the post; what it replaces goes to its history. */
  @Patch(':id')
  @Authenticated()
  @ApiOkResponse({ type: PostDto })
  @ApiSocialErrors(
    'POST_NOT_FOUND',
    'NOT_YOUR_POST',
    'EMPTY_POST',
    'TEXT_TOO_LONG',
    'MEDIA_NOT_FOUND',
    'NOT_YOUR_MEDIA',
  )
  @ApiConditionalWrite()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: UpdatePostDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<PostDto> {
    return this.posts.update(user, id, dto, expected);
  }

  /** The author (or a moderator) deletes the post: it leaves every feed. */
  @Delete(':id')
  @Authenticated()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('POST_NOT_FOUND', 'NOT_YOUR_POST')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.posts.remove(user, id);
  }

  /** The post's earlier versions, newest first. */
  @Get(':id/history')
  @OptionallyAuthenticated()
  @ApiListQuery(POST_LIST_QUERY)
  @ApiOkResponse({ type: PostRevisionPageDto })
  @ApiSocialErrors('POST_NOT_FOUND')
  history(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('id') id: string,
    @ListQuery(POST_LIST_QUERY) query: ParsedListQuery,
  ): Promise<PostRevisionPageDto> {
    return this.posts.history(viewer, id, query);
  }

  /** Likes the post (idempotent). */
  @Put(':id/like')
  @Authenticated()
  @ApiOkResponse({ type: LikeStateDto })
  @ApiSocialErrors('POST_NOT_FOUND')
  like(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<LikeStateDto> {
    return this.posts.like(user, id);
  }

  /** Takes the like back (idempotent). */
  @Delete(':id/like')
  @Authenticated()
  @ApiOkResponse({ type: LikeStateDto })
  @ApiSocialErrors('POST_NOT_FOUND')
  unlike(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<LikeStateDto> {
    return this.posts.unlike(user, id);
  }

  @Get(':id/comments')
  @OptionallyAuthenticated()
  @ApiListQuery(COMMENT_LIST_QUERY)
  @ApiOkResponse({ type: CommentPageDto })
  @ApiSocialErrors('POST_NOT_FOUND')
  comments(
    @MaybeUser() viewer: AuthenticatedUser | undefined,
    @UuidParam('id') id: string,
    @ListQuery(COMMENT_LIST_QUERY) query: ParsedListQuery,
  ): Promise<CommentPageDto> {
    return this.posts.comments(viewer, id, query);
  }

  /** Comments on the post, or answers a comment on it (`parentId`, one level deep). */
  @Post(':id/comments')
  @Authenticated()
  @ApiCreatedResponse({ type: CommentDto })
  @ApiSocialErrors(
    'POST_NOT_FOUND',
    'PROFILE_REQUIRED',
    'EMPTY_POST',
    'TEXT_TOO_LONG',
    'COMMENT_NOT_FOUND',
    'COMMENT_TOO_DEEP',
  )
  comment(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.posts.comment(user, id, dto);
  }
}
