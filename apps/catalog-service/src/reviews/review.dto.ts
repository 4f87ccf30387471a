import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RequiredText } from '../items/item-fields.js';
import type { ReviewEntity } from './review.entity.js';

export class ReviewInputDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 5 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @RequiredText(4000, 'Пришли быстро, как на фото.')
  text!: string;
}

export class PatchReviewDto extends PartialType(ReviewInputDto, { skipNullProperties: false }) {}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ example: 5 }) rating!: number;
  @ApiProperty() text!: string;
  @ApiProperty({
    example: true,
    description:
      'Its author has an issued order of this listing (follows later purchases and refunds); only verified reviews count in the seller’s rating',
  })
  verifiedPurchase!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const ReviewPageDto = PageOf(ReviewDto);
export type ReviewPageDto = Page<ReviewDto>;

export const REVIEW_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', authorId: 'uuid', rating: 'integer', createdAt: 'date', updatedAt: 'date' },
  searchable: ['text'],
  defaultSort: '-createdAt',
};

export function toReviewDto(review: ReviewEntity): ReviewDto {
  return {
    id: review.id,
    version: review.version,
    listingId: review.listingId,
    authorId: review.authorId,
    rating: review.rating,
    text: review.text,
    verifiedPurchase: review.verifiedPurchase,
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
  };
}
