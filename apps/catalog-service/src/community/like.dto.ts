import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { LIKE_KINDS, type LikeKind } from '@agora/contracts';
import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** A liked thing's likes in its own answer (check-ins, comments). */
export class LikeSummaryDto {
  @ApiProperty({ example: 12, description: 'How many users like it' }) count!: number;
  @ApiProperty({ description: 'Whether the caller likes it (false without a token)' }) likedByMe!: boolean;
}

/** A liked thing's answer class with its `likes` (a documented subclass, for Swagger). */
export function WithLikes<T extends Type<object>>(dto: T): T {
  class DtoWithLikes extends dto {
    @ApiProperty({ type: LikeSummaryDto, description: 'Its likes, and whether the caller likes it' })
    likes!: LikeSummaryDto;
  }
  Object.defineProperty(DtoWithLikes, 'name', { value: `${dto.name.replace(/Dto$/, '')}WithLikesDto` });
  return DtoWithLikes;
}

/** A thing's likes as the like routes answer them. */
export class LikesDto {
  @ApiProperty({ enum: LIKE_KINDS }) kind!: LikeKind;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 12, description: 'How many users like it' }) count!: number;
  @ApiProperty({ description: 'Whether the caller likes it (false without a token)' }) likedByMe!: boolean;
}

export class LikeDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) likedAt!: string;
}

const LikeBasePageDto = PageOf(LikeDto);

/** `GET /<things>/:id/likes`: who liked, newest first, with the count and the caller's like. */
export class LikePageDto extends LikeBasePageDto {
  @ApiProperty({ type: LikesDto }) likes!: LikesDto;
}
export type LikePage = Page<LikeDto> & { likes: LikesDto };

export const LIKE_LIST_QUERY: ListQuerySpec = {
  fields: { userId: 'uuid', createdAt: 'date' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};
