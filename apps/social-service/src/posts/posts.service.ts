import { isStaff, type AuthenticatedUser } from '@agora/auth';
import type { ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { FollowsService } from '../follows/follows.service.js';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import {
  COMMENT_TEXT_MAX_LENGTH,
  hashtags,
  mentionedLogins,
  POST_TEXT_MAX_LENGTH,
  cleanText,
} from './post-text.js';
import { MediaCopyService } from './media-copy.service.js';
import type { PostEntity } from './post.entity.js';
import {
  toCommentDto,
  toPostDto,
  toPostRevisionDto,
  type CommentDto,
  type CommentPageDto,
  type CreateCommentDto,
  type CreatePostDto,
  type LikeStateDto,
  type PostDto,
  type PostPageDto,
  type PostRevisionPageDto,
  type UpdatePostDto,
} from './posts.dto.js';
import { PostsRepository, type PostRefusal } from './posts.repository.js';

const postNotFound = (postId: string) =>
  new SocialException(SocialErrorCode.POST_NOT_FOUND, `No post ${postId}`);

function refusal(result: PostRefusal, postId?: string): SocialException {
  switch (result.refused) {
    case 'no-profile':
      return new SocialException(
        SocialErrorCode.PROFILE_REQUIRED,
        'Your account has no public profile yet: verify it first',
      );
    case 'item-not-found':
      return new SocialException(
        SocialErrorCode.ITEM_NOT_FOUND,
        'No catalog item of this kind with this id',
        {
          errors: [{ field: 'item', messages: ['no catalog item of this kind with this id'] }],
        },
      );
    case 'not-found':
      return postNotFound(postId ?? '');
    case 'not-yours':
      return new SocialException(SocialErrorCode.NOT_YOUR_POST, 'Only its author changes a post');
    case 'media-not-found':
      return new SocialException(SocialErrorCode.MEDIA_NOT_FOUND, `No uploaded media ${result.mediaId}`, {
        errors: [{ field: 'mediaIds', messages: [`no uploaded media ${result.mediaId}`] }],
      });
    case 'not-your-media':
      return new SocialException(SocialErrorCode.NOT_YOUR_MEDIA, `Media ${result.mediaId} is not yours`, {
        errors: [{ field: 'mediaIds', messages: [`media ${result.mediaId} is not yours`] }],
      });
  }
}

/** Posts, their likes, comments and edit history; who may read what is decided in the repository's SQL. */
@Injectable()
export class PostsService {
  constructor(
    private readonly posts: PostsRepository,
    private readonly follows: FollowsService,
    private readonly mediaCopy: MediaCopyService,
  ) {}

  async create(user: AuthenticatedUser, dto: CreatePostDto): Promise<PostDto> {
    // Optional fields may come as null, which means the same as leaving them out.
    const text = cleanText(typeof dto.text === 'string' ? dto.text : '', POST_TEXT_MAX_LENGTH, 'text');
    const mediaIds = dto.mediaIds ?? [];
    if (!text && mediaIds.length === 0) {
      throw new SocialException(SocialErrorCode.EMPTY_POST, 'A post needs text or at least one photo');
    }
    await this.mediaCopy.learn(mediaIds);
    const result = await this.posts.create(user.id, {
      text,
      mentionedLogins: mentionedLogins(text),
      tags: hashtags(text),
      mediaIds,
      item: dto.item ?? null,
      visibility: dto.visibility ?? 'public',
    });
    if ('refused' in result) {
      throw refusal(result);
    }
    return toPostDto(result.post, false);
  }

  async get(viewer: AuthenticatedUser | undefined, postId: string): Promise<PostDto> {
    const post = await this.visible(viewer, postId);
    const liked = await this.posts.likedBy(viewer?.id, [post.id]);
    return toPostDto(post, liked.has(post.id));
  }

  async update(
    user: AuthenticatedUser,
    postId: string,
    dto: UpdatePostDto,
    expected: ExpectedVersions,
  ): Promise<PostDto> {
    const text = typeof dto.text === 'string' ? cleanText(dto.text, POST_TEXT_MAX_LENGTH, 'text') : undefined;
    if (text === '' && !dto.mediaIds?.length) {
      throw new SocialException(SocialErrorCode.EMPTY_POST, 'A post needs text or at least one photo');
    }
    await this.mediaCopy.learn(dto.mediaIds ?? []);
    const result = await this.posts.update(
      user.id,
      postId,
      {
        text,
        mentionedLogins: text === undefined ? undefined : mentionedLogins(text),
        tags: text === undefined ? undefined : hashtags(text),
        mediaIds: dto.mediaIds ?? undefined,
        visibility: dto.visibility ?? undefined,
      },
      expected,
    );
    if ('refused' in result) {
      throw await this.hiddenOr(user, postId, result);
    }
    const liked = await this.posts.likedBy(user.id, [postId]);
    return toPostDto(result.post, liked.has(postId));
  }

  async remove(user: AuthenticatedUser, postId: string): Promise<void> {
    const result = await this.posts.remove(user.id, postId, isStaff(user));
    if (result) {
      throw await this.hiddenOr(user, postId, result);
    }
  }

  /** The author's posts the viewer may read; 404 across a block, 403 for a private account's outsiders. */
  async listByAuthor(
    viewer: AuthenticatedUser | undefined,
    authorId: string,
    query: ParsedListQuery,
  ): Promise<PostPageDto> {
    await this.follows.assertMayList(viewer, authorId);
    const page = await this.posts.listByAuthor(viewer?.id, authorId, query);
    const liked = await this.posts.likedBy(
      viewer?.id,
      page.items.map((post) => post.id),
    );
    return mapPage(page, (post) => toPostDto(post, liked.has(post.id)));
  }

  async like(user: AuthenticatedUser, postId: string): Promise<LikeStateDto> {
    const post = await this.visible(user, postId);
    return { liked: true, likesCount: await this.posts.like(user.id, post) };
  }

  async unlike(user: AuthenticatedUser, postId: string): Promise<LikeStateDto> {
    const post = await this.visible(user, postId);
    return { liked: false, likesCount: await this.posts.unlike(user.id, post) };
  }

  async comments(
    viewer: AuthenticatedUser | undefined,
    postId: string,
    query: ParsedListQuery,
  ): Promise<CommentPageDto> {
    await this.visible(viewer, postId);
    const page = await this.posts.listComments(viewer?.id, postId, query);
    return mapPage(page, toCommentDto);
  }

  async comment(user: AuthenticatedUser, postId: string, dto: CreateCommentDto): Promise<CommentDto> {
    const text = cleanText(dto.text, COMMENT_TEXT_MAX_LENGTH, 'text');
    if (!text) {
      throw new SocialException(SocialErrorCode.EMPTY_POST, 'A comment needs text', {
        errors: [{ field: 'text', messages: ['must not be empty'] }],
      });
    }
    const post = await this.visible(user, postId);
    const result = await this.posts.addComment(
      user.id,
      post,
      text,
      mentionedLogins(text),
      dto.parentId ?? undefined,
    );
    if ('comment' in result) {
      return toCommentDto(result.comment);
    }
    switch (result.refused) {
      case 'no-profile':
        throw new SocialException(
          SocialErrorCode.PROFILE_REQUIRED,
          'Your account has no public profile yet: verify it first',
        );
      case 'comment-not-found':
        throw new SocialException(SocialErrorCode.COMMENT_NOT_FOUND, 'No such comment on this post', {
          errors: [{ field: 'parentId', messages: ['no such comment on this post'] }],
        });
      case 'too-deep':
        throw new SocialException(SocialErrorCode.COMMENT_TOO_DEEP, 'Answers cannot be answered', {
          errors: [{ field: 'parentId', messages: ['answer the comment on the post instead'] }],
        });
    }
  }

  async history(
    viewer: AuthenticatedUser | undefined,
    postId: string,
    query: ParsedListQuery,
  ): Promise<PostRevisionPageDto> {
    await this.visible(viewer, postId);
    return mapPage(await this.posts.listRevisions(postId, query), toPostRevisionDto);
  }

  private async visible(viewer: AuthenticatedUser | undefined, postId: string): Promise<PostEntity> {
    const post = await this.posts.findVisible(viewer?.id, postId);
    if (!post) {
      throw postNotFound(postId);
    }
    return post;
  }

  /** Someone else's post the user cannot read is a 404, not a 403: its existence is not told. */
  private async hiddenOr(
    user: AuthenticatedUser,
    postId: string,
    result: PostRefusal,
  ): Promise<SocialException> {
    if (result.refused === 'not-yours' && !(await this.posts.findVisible(user.id, postId))) {
      return postNotFound(postId);
    }
    return refusal(result, postId);
  }
}
