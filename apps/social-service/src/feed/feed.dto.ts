import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { CatalogItemKind } from '@agora/contracts';
import { PostDto } from '../posts/posts.dto.js';
import type { FeedPostRow } from './feed.repository.js';

export const FEED_PAGE_MAX = 100;

/** `GET /feed?cursor=&limit=`: keyset paging, newest first. */
export class FeedQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The previous page's nextCursor" })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: FEED_PAGE_MAX, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FEED_PAGE_MAX)
  limit?: number;
}

export class FeedPageDto {
  @ApiProperty({ type: [PostDto] })
  items!: PostDto[];

  @ApiProperty({ example: 20 })
  limit!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Send as cursor for the next page; null at the end',
  })
  nextCursor!: string | null;
}

/** A feed row as the post it is (the same fields toPostDto gives). */
export function toFeedPostDto(row: FeedPostRow): PostDto {
  return {
    id: row.id,
    author: {
      userId: row.author_id,
      login: row.author_login,
      displayName: row.author_display_name,
      avatarMediaId: row.author_avatar_media_id,
    },
    text: row.text,
    mentions: row.mentions,
    tags: row.tags,
    mediaIds: row.media_ids,
    item: row.item_kind && row.item_id ? { kind: row.item_kind as CatalogItemKind, id: row.item_id } : null,
    visibility: row.visibility,
    likesCount: row.likes_count,
    commentsCount: row.comments_count,
    activity: row.activity,
    milestone: row.milestone,
    likedByMe: row.liked,
    edited: row.version > 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
