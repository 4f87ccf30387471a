import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiSocialErrors } from '../social.errors.js';
import { FollowStateDto, RELATION_LIST_QUERY, RelatedUserPageDto, RelationshipDto } from './follows.dto.js';
import { FollowsService } from './follows.service.js';

/** The caller's follows, follow requests, blocks and mutes. */
@ApiTags('follows')
@Controller('me')
@Authenticated()
export class FollowsController {
  constructor(private readonly follows: FollowsService) {}

  /** Follows the user (idempotent); a private account gets a request (`pending`) instead. */
  @Put('following/:userId')
  @ApiOkResponse({ type: FollowStateDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PROFILE_REQUIRED', 'CANNOT_FOLLOW_SELF', 'BLOCKED')
  follow(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<FollowStateDto> {
    return this.follows.follow(user, userId);
  }

  /** Whether the caller follows (or asked to follow), is followed by, blocks, is blocked by or mutes the user. */
  @Get('relationships/:userId')
  @ApiOkResponse({ type: RelationshipDto })
  @ApiSocialErrors('PROFILE_NOT_FOUND')
  relationship(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('userId') userId: string,
  ): Promise<RelationshipDto> {
    return this.follows.relationship(user, userId);
  }

  /** Unfollows, or withdraws a request (idempotent). */
  @Delete('following/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  unfollow(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.unfollow(user, userId);
  }

  /** Users asking to follow the caller's private account. */
  @Get('follow-requests')
  @ApiListQuery(RELATION_LIST_QUERY)
  @ApiOkResponse({ type: RelatedUserPageDto })
  requests(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(RELATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    return this.follows.requests(user, query);
  }

  /** Accepts the user's follow request: they follow the caller from now on. */
  @Post('follow-requests/:userId/accept')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('FOLLOW_REQUEST_NOT_FOUND')
  accept(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.accept(user, userId);
  }

  /** Turns the user's follow request down. */
  @Delete('follow-requests/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('FOLLOW_REQUEST_NOT_FOUND')
  reject(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.reject(user, userId);
  }

  @Get('blocks')
  @ApiListQuery(RELATION_LIST_QUERY)
  @ApiOkResponse({ type: RelatedUserPageDto })
  blocks(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(RELATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    return this.follows.blocks(user, query);
  }

  /** Blocks the user (idempotent): follows both ways end, and neither sees the other's content. */
  @Put('blocks/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PROFILE_REQUIRED', 'CANNOT_FOLLOW_SELF')
  block(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.block(user, userId);
  }

  @Delete('blocks/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  unblock(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.unblock(user, userId);
  }

  @Get('mutes')
  @ApiListQuery(RELATION_LIST_QUERY)
  @ApiOkResponse({ type: RelatedUserPageDto })
  mutes(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(RELATION_LIST_QUERY) query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    return this.follows.mutes(user, query);
  }

  /** Mutes the user (idempotent): their posts leave the caller's feed. */
  @Put('mutes/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiSocialErrors('PROFILE_NOT_FOUND', 'PROFILE_REQUIRED', 'CANNOT_FOLLOW_SELF')
  mute(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.mute(user, userId);
  }

  @Delete('mutes/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  unmute(@CurrentUser() user: AuthenticatedUser, @UuidParam('userId') userId: string): Promise<void> {
    return this.follows.unmute(user, userId);
  }
}
