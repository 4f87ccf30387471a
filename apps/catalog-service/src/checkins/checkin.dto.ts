import { CHECKIN_SERVINGS, type CheckinServing } from '@agora/contracts';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { DictionaryRefDto } from '../items/item-fields.js';
import { LikeSummaryDto } from '../community/like.dto.js';
import { PhotoUrlsDto } from '../photos/photo.dto.js';
import { RatingDto } from './rating.dto.js';
import { toQuarters } from './rating.js';

/** The longest check-in note and comment, in code points after sanitizing. */
export const CHECKIN_TEXT_MAX = 2000;
export const COMMENT_TEXT_MAX = 1000;
export const VENUE_MAX = 200;
export const CHECKIN_PHOTOS_MAX = 4;
export const CHECKIN_TAGS_MAX = 10;

/** Stars from 0.25 to 5 in steps of a quarter (0.3 and 6 are refused). */
const QuarterStars = (): PropertyDecorator =>
  ValidateBy({
    name: 'isQuarterStars',
    validator: {
      validate: (value: unknown) => toQuarters(value) !== undefined,
      defaultMessage: () => 'rating must be 0.25 to 5 stars in steps of 0.25',
    },
  });

/** `POST /coffees/:id/checkins`, `POST /watches/:id/checkins`. */
export class CheckinInputDto {
  @ApiProperty({ example: 4.25, minimum: 0.25, maximum: 5, multipleOf: 0.25, description: 'Stars' })
  @QuarterStars()
  rating!: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: CHECKIN_TEXT_MAX, example: 'Bergamot!' })
  @IsOptional()
  @IsString()
  // Checked again after sanitizing, in code points.
  @MaxLength(CHECKIN_TEXT_MAX * 2)
  text?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: CHECKIN_TAGS_MAX,
    nullable: true,
    description: 'Flavour tags: values of /dictionaries/tags; null (like []) clears them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHECKIN_TAGS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  tagIds?: string[] | null;

  @ApiPropertyOptional({
    enum: CHECKIN_SERVINGS,
    nullable: true,
    description: 'How the coffee was brewed and served (coffees only)',
  })
  @IsOptional()
  @IsIn(CHECKIN_SERVINGS)
  serving?: CheckinServing | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where: one of /info/locations (or `venue` as free text, not both)',
  })
  @IsOptional()
  @IsUUID()
  locationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: VENUE_MAX, example: 'At home' })
  @IsOptional()
  @IsString()
  @MaxLength(VENUE_MAX * 2)
  venue?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: CHECKIN_PHOTOS_MAX,
    nullable: true,
    description: "The caller's own media (POST /media), in order; null (like []) clears them",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHECKIN_PHOTOS_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  photoIds?: string[] | null;
}

/** `PATCH /checkins/:id`: the fields to change; null clears an optional one. */
export class PatchCheckinDto extends PartialType(CheckinInputDto, { skipNullProperties: false }) {}

export class CheckinPhotoDto {
  @ApiProperty({ format: 'uuid' }) mediaId!: string;
  @ApiProperty({ example: 0 }) position!: number;
  @ApiProperty({ example: 1600 }) width!: number;
  @ApiProperty({ example: 1200 }) height!: number;
  @ApiProperty() blurhash!: string;
  @ApiProperty({ type: PhotoUrlsDto }) urls!: PhotoUrlsDto;
}

export class CheckinItemDto {
  @ApiProperty({ enum: ['coffee', 'watch'] }) kind!: 'coffee' | 'watch';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: RatingDto, description: "The item's rating now" }) rating!: RatingDto;
}

export class CheckinDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;
  @ApiProperty({ type: CheckinItemDto }) item!: CheckinItemDto;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ example: 4.25 }) rating!: number;
  @ApiProperty({
    description: "Whether this is its author's latest check-in on the item, whose rating counts",
  })
  counted!: boolean;
  @ApiProperty({
    example: false,
    description:
      'Its author has an issued order of the item, or of a menu product or listing that sells it (kept up to date as orders are issued and refunded)',
  })
  verifiedPurchase!: boolean;
  @ApiProperty({
    example: true,
    description:
      'One of its photos shows the pack: a barcode decoded from the photo’s pixels is the coffee’s (judged whenever its photos are written)',
  })
  verifiedPhoto!: boolean;
  @ApiProperty({
    example: 2,
    description:
      'What its rating weighs in the item’s average and top-list score: 1, plus 1 for a verified purchase and 1 for a verified photo',
  })
  weight!: number;
  @ApiProperty({ type: String, nullable: true }) text!: string | null;
  @ApiProperty({ type: [DictionaryRefDto] }) tags!: DictionaryRefDto[];
  @ApiProperty({ enum: CHECKIN_SERVINGS, nullable: true }) serving!: CheckinServing | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) locationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) venue!: string | null;
  @ApiProperty({ type: [CheckinPhotoDto] }) photos!: CheckinPhotoDto[];
  @ApiProperty({ type: LikeSummaryDto }) likes!: LikeSummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export const CheckinPageDto = PageOf(CheckinDto);
export type CheckinPageDto = Page<CheckinDto>;

export const CHECKIN_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', authorId: 'uuid', createdAt: 'date' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
};

export class CommentInputDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_TEXT_MAX, example: 'Which grinder?' })
  @IsString()
  @MaxLength(COMMENT_TEXT_MAX * 2)
  text!: string;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'uuid' }) checkinId!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: LikeSummaryDto }) likes!: LikeSummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export const CommentPageDto = PageOf(CommentDto);
export type CommentPageDto = Page<CommentDto>;

export const COMMENT_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', authorId: 'uuid', createdAt: 'date' },
  sortable: ['createdAt'],
  defaultSort: 'createdAt',
};

export class TopQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TopEntryDto {
  @ApiProperty({ example: 1 }) rank!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ethiopia Yirgacheffe Kochere' }) name!: string;
  @ApiProperty({ example: 4.26, description: 'Bayesian average in stars (two decimals), the ranking key' })
  score!: number;
  @ApiProperty({ type: RatingDto }) rating!: RatingDto;
}

export class TopListDto {
  @ApiProperty({ enum: ['coffee', 'watch'] }) kind!: 'coffee' | 'watch';
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.78,
    description:
      "The prior: the kind's weighted mean over every counted rating (a verified purchase weighs 2; null with none)",
  })
  prior!: number | null;
  @ApiProperty({ example: 10, description: 'The weight of the prior (RATING_MIN_COUNT)' })
  weight!: number;
  @ApiProperty({ type: [TopEntryDto] }) items!: TopEntryDto[];
}
