import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PostDto } from '../posts/posts.dto.js';

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
