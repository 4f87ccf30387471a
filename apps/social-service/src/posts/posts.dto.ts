import {
  CATALOG_ITEM_KINDS,
  POST_VISIBILITIES,
  type CatalogItemKind,
  type PostVisibility,
} from '@agora/contracts';
import { NestedObject } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { ProfileSummaryDto, toProfileSummaryDto } from '../profiles/profiles.dto.js';
import type { CommentEntity } from './comment.entity.js';
import type { PostRevisionEntity } from './post-revision.entity.js';
import { COMMENT_TEXT_MAX_LENGTH, POST_PHOTOS_MAX, POST_TEXT_MAX_LENGTH } from './post-text.js';
import { POST_ACTIVITIES, type PostActivity, type PostEntity } from './post.entity.js';

/** A profile's posts and a post's edit history: newest first. */
export const POST_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: '-createdAt',
};

/** A post's comments: oldest first, as a conversation reads. */
export const COMMENT_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date' },
  defaultSort: 'createdAt',
};

export class ItemRefDto {
  @ApiProperty({ enum: CATALOG_ITEM_KINDS })
  @IsIn(CATALOG_ITEM_KINDS)
  kind!: CatalogItemKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** A new post: text (with @mentions and #tags), photos you uploaded, a catalog item, who may read it. */
export class CreatePostDto {
  @ApiPropertyOptional({ maxLength: POST_TEXT_MAX_LENGTH, example: 'Tried the #ethiopia roast with @anna' })
  @IsOptional()
  @IsString()
  @MaxLength(POST_TEXT_MAX_LENGTH * 2)
  text?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: POST_PHOTOS_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(POST_PHOTOS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaIds?: string[];

  @ApiPropertyOptional({ type: () => ItemRefDto, nullable: true })
  @IsOptional()
  @NestedObject(() => ItemRefDto)
  item?: ItemRefDto | null;

  @ApiPropertyOptional({ enum: POST_VISIBILITIES, default: 'public' })
  @IsOptional()
  @IsIn(POST_VISIBILITIES)
  visibility?: PostVisibility;
}

/** An edit: the fields sent change; the text before it goes to the post's history. */
export class UpdatePostDto {
  @ApiPropertyOptional({ maxLength: POST_TEXT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(POST_TEXT_MAX_LENGTH * 2)
  text?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: POST_PHOTOS_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(POST_PHOTOS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mediaIds?: string[];

  @ApiPropertyOptional({ enum: POST_VISIBILITIES })
  @IsOptional()
  @IsIn(POST_VISIBILITIES)
  visibility?: PostVisibility;
}

export class CreateCommentDto {
  @ApiProperty({ maxLength: COMMENT_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(COMMENT_TEXT_MAX_LENGTH * 2)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The comment this answers (one level deep)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: () => ProfileSummaryDto })
  author!: ProfileSummaryDto;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Users the text mentions' })
  mentions!: string[];

  @ApiProperty({ type: [String], example: ['ethiopia'] })
  tags!: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  mediaIds!: string[];

  @ApiProperty({ type: () => ItemRefDto, nullable: true })
  item!: ItemRefDto | null;

  @ApiProperty({ enum: POST_VISIBILITIES })
  visibility!: PostVisibility;

  @ApiProperty()
  likesCount!: number;

  @ApiProperty()
  commentsCount!: number;

  @ApiProperty({
    enum: POST_ACTIVITIES,
    nullable: true,
    description:
      "Made from the author's catalog activity (`item` names the listing or item) or CoTask achievement (`text` is the task's, habit's or deck's title, `milestone` its number); null when written",
  })
  activity!: PostActivity | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      "A CoTask achievement's number: the streak's days, the deck's cards, 1 for a task; else null",
  })
  milestone!: number | null;

  @ApiProperty({ description: 'The caller likes it (false for anonymous callers)' })
  likedByMe!: boolean;

  @ApiProperty({ description: 'Edited at least once (see GET /posts/:id/history)' })
  edited!: boolean;

  @ApiProperty({ description: 'The ETag, for If-Match on PATCH' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const PostPageDto = PageOf(PostDto);
export type PostPageDto = Page<PostDto>;

export class LikeStateDto {
  @ApiProperty()
  liked!: boolean;

  @ApiProperty()
  likesCount!: number;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  postId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ type: () => ProfileSummaryDto })
  author!: ProfileSummaryDto;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  mentions!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const CommentPageDto = PageOf(CommentDto);
export type CommentPageDto = Page<CommentDto>;

export class PostRevisionDto {
  @ApiProperty({ description: 'The version that had this content' })
  version!: number;

  @ApiProperty()
  text!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  mediaIds!: string[];

  @ApiProperty({ enum: POST_VISIBILITIES })
  visibility!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was replaced' })
  replacedAt!: string;
}

export const PostRevisionPageDto = PageOf(PostRevisionDto);
export type PostRevisionPageDto = Page<PostRevisionDto>;

export function toPostDto(post: PostEntity, likedByMe: boolean): PostDto {
  return {
    id: post.id,
    author: toProfileSummaryDto(post.author!),
    text: post.text,
    mentions: post.mentions,
    tags: post.tags,
    mediaIds: post.mediaIds,
    item: post.itemKind && post.itemId ? { kind: post.itemKind as CatalogItemKind, id: post.itemId } : null,
    visibility: post.visibility,
    likesCount: post.likesCount,
    commentsCount: post.commentsCount,
    activity: post.activity,
    milestone: post.milestone,
    likedByMe,
    edited: post.version > 1,
    version: post.version,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

export function toCommentDto(comment: CommentEntity): CommentDto {
  return {
    id: comment.id,
    postId: comment.postId,
    parentId: comment.parentId,
    author: toProfileSummaryDto(comment.author!),
    text: comment.text,
    mentions: comment.mentions,
    createdAt: comment.createdAt.toISOString(),
  };
}

export function toPostRevisionDto(revision: PostRevisionEntity): PostRevisionDto {
  return {
    version: revision.version,
    text: revision.text,
    mediaIds: revision.mediaIds,
    visibility: revision.visibility,
    replacedAt: revision.createdAt.toISOString(),
  };
}
