import type { AuthenticatedUser } from '@agora/auth';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import {
  toRelatedUserDto,
  type FollowStateDto,
  type RelatedUserPageDto,
  type RelationshipDto,
} from './follows.dto.js';
import { FollowsRepository, type PairRefusal } from './follows.repository.js';

/** The exception of a refused change between the caller and `userId`. */
export function pairRefused(refusal: PairRefusal, userId: string): SocialException {
  switch (refusal) {
    case 'no-profile':
      return new SocialException(
        SocialErrorCode.PROFILE_REQUIRED,
        'Your account has no public profile yet: verify it first',
      );
    case 'not-found':
      return new SocialException(SocialErrorCode.PROFILE_NOT_FOUND, `No profile for user ${userId}`);
    case 'blocked':
      return new SocialException(SocialErrorCode.BLOCKED, 'One of you blocked the other');
  }
}

function refuseSelf(user: AuthenticatedUser, userId: string): void {
  if (user.id === userId) {
    throw new SocialException(SocialErrorCode.CANNOT_FOLLOW_SELF, 'You cannot do this to yourself');
  }
}

/** Follows, follow requests, blocks and mutes of the caller, and the public follower lists. */
@Injectable()
export class FollowsService {
  constructor(private readonly follows: FollowsRepository) {}

  async follow(user: AuthenticatedUser, userId: string): Promise<FollowStateDto> {
    refuseSelf(user, userId);
    const outcome = await this.follows.follow(user.id, userId);
    if ('refused' in outcome) {
      throw pairRefused(outcome.refused, userId);
    }
    return { userId, status: outcome.status };
  }

  async relationship(user: AuthenticatedUser, userId: string): Promise<RelationshipDto> {
    const relationship = await this.follows.relationship(user.id, userId);
    if (!relationship) {
      throw new SocialException(SocialErrorCode.PROFILE_NOT_FOUND, `No profile for user ${userId}`);
    }
    return { userId, ...relationship };
  }

  async unfollow(user: AuthenticatedUser, userId: string): Promise<void> {
    await this.follows.unfollow(user.id, userId);
  }

  async accept(user: AuthenticatedUser, userId: string): Promise<void> {
    if (!(await this.follows.accept(user.id, userId))) {
      throw new SocialException(SocialErrorCode.FOLLOW_REQUEST_NOT_FOUND, `No follow request from ${userId}`);
    }
  }

  async reject(user: AuthenticatedUser, userId: string): Promise<void> {
    if (!(await this.follows.reject(user.id, userId))) {
      throw new SocialException(SocialErrorCode.FOLLOW_REQUEST_NOT_FOUND, `No follow request from ${userId}`);
    }
  }

  async block(user: AuthenticatedUser, userId: string): Promise<void> {
    refuseSelf(user, userId);
    const refused = await this.follows.block(user.id, userId);
    if (refused) {
      throw pairRefused(refused, userId);
    }
  }

  async unblock(user: AuthenticatedUser, userId: string): Promise<void> {
    await this.follows.unblock(user.id, userId);
  }

  async mute(user: AuthenticatedUser, userId: string): Promise<void> {
    refuseSelf(user, userId);
    const refused = await this.follows.mute(user.id, userId);
    if (refused) {
      throw pairRefused(refused, userId);
    }
  }

  async unmute(user: AuthenticatedUser, userId: string): Promise<void> {
    await this.follows.unmute(user.id, userId);
  }

  async requests(user: AuthenticatedUser, query: ParsedListQuery): Promise<RelatedUserPageDto> {
    const page = await this.follows.followersOf(user.id, query, 'pending');
    return mapPage(page, (follow) => toRelatedUserDto(follow.follower!, follow.createdAt));
  }

  async blocks(user: AuthenticatedUser, query: ParsedListQuery): Promise<RelatedUserPageDto> {
    const page = await this.follows.blocksOf(user.id, query);
    return mapPage(page, (block) => toRelatedUserDto(block.blocked!, block.createdAt));
  }

  async mutes(user: AuthenticatedUser, query: ParsedListQuery): Promise<RelatedUserPageDto> {
    const page = await this.follows.mutesOf(user.id, query);
    return mapPage(page, (mute) => toRelatedUserDto(mute.muted!, mute.createdAt));
  }

  /** `userId`'s followers: hidden from users either blocked, and a private account's from non-followers. */
  async followers(
    viewer: AuthenticatedUser | undefined,
    userId: string,
    query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    await this.assertMayList(viewer, userId);
    const page = await this.follows.followersOf(userId, query);
    return mapPage(page, (follow) => toRelatedUserDto(follow.follower!, follow.createdAt));
  }

  async following(
    viewer: AuthenticatedUser | undefined,
    userId: string,
    query: ParsedListQuery,
  ): Promise<RelatedUserPageDto> {
    await this.assertMayList(viewer, userId);
    const page = await this.follows.followingOf(userId, query);
    return mapPage(page, (follow) => toRelatedUserDto(follow.followee!, follow.createdAt));
  }

  /** The user has a public profile the viewer may look into; else 404 (or 403 for a private account). */
  async assertMayList(viewer: AuthenticatedUser | undefined, userId: string): Promise<void> {
    const access = await this.follows.access(viewer?.id, userId);
    if (access === 'not-found' || access === 'blocked') {
      throw new SocialException(SocialErrorCode.PROFILE_NOT_FOUND, `No profile for user ${userId}`);
    }
    if (access === 'private') {
      throw new SocialException(SocialErrorCode.PRIVATE_ACCOUNT, 'Only its followers see this account');
    }
  }
}
