import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Matches,
  registerDecorator,
  type ValidationArguments,
  ValidateNested,
} from 'class-validator';
import { OptionalText, RequiredText, trimmed } from '../items/item-fields.js';
import { Amount, Currency } from '../items/money.js';
import { SoldItemInputDto } from '../items/sold-item.js';
import { PhotoDto } from '../photos/photo.dto.js';
import {
  CHARACTERISTIC_TYPES,
  LISTING_STATUSES,
  SETTABLE_LISTING_STATUSES,
  type CharacteristicType,
  type ListingEntity,
  type ListingStatus,
} from './listing.entity.js';

/** The characteristic's value has the type it declares (strings at most 200 characters). */
function MatchesCharacteristicType(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'matchesCharacteristicType',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const { type } = args.object as { type?: unknown };
          return type === 'string'
            ? typeof value === 'string' && value.trim().length > 0 && value.length <= 200
            : type === 'number'
              ? typeof value === 'number' && Number.isFinite(value)
              : type === 'boolean' && typeof value === 'boolean';
        },
        defaultMessage: () => 'value must match type: a string (1..200), a finite number or a boolean',
      },
    });
}

export class CharacteristicDto {
  @RequiredText(60, 'Диаметр корпуса, мм')
  key!: string;

  @ApiProperty({ enum: CHARACTERISTIC_TYPES })
  @IsIn(CHARACTERISTIC_TYPES)
  type!: CharacteristicType;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], example: 40 })
  @MatchesCharacteristicType()
  value!: string | number | boolean;
}

/** What tells characteristics apart: the key regardless of case (anything else the other checks refuse). */
const characteristicKey = (characteristic: unknown): unknown => {
  const key = (characteristic as { key?: unknown } | null)?.key;
  return typeof key === 'string' ? key.toLowerCase() : key;
};

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

/** `POST /listings` and `PUT /listings/:id`. */
export class ListingInputDto extends SoldItemInputDto {
  @RequiredText(140, 'Восток Амфибия 1980-х, ходят')
  title!: string;

  @OptionalText(5000, 'Полный комплект, браслет родной.')
  description?: string | null;

  @Amount('12500')
  price!: string;

  @Currency()
  currency!: string;

  @ApiPropertyOptional({ enum: SETTABLE_LISTING_STATUSES, default: 'draft' })
  @Omittable()
  @IsIn(SETTABLE_LISTING_STATUSES)
  status?: ListingStatus;

  @ApiPropertyOptional({ type: [CharacteristicDto], maxItems: 50 })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  // ValidateNested alone walks into an inner array ([[]]) and finds nothing to refuse: each must be an object.
  @IsObject({ each: true, message: 'each characteristic must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CharacteristicDto)
  @ArrayUnique(characteristicKey, {
    message: 'characteristics must have different keys',
  })
  characteristics?: CharacteristicDto[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', pattern: TAG.source, maxLength: 40 },
    maxItems: 20,
    uniqueItems: true,
    example: ['часы', 'ссср'],
    description: 'Tag names (stored in lower case); new ones are added',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((tag) => {
          const text = trimmed({ value: tag });
          return typeof text === 'string' ? text.toLowerCase() : text;
        })
      : value,
  )
  @IsString({ each: true })
  @Matches(TAG, {
    each: true,
    message: 'each tag must be 1..40 letters, digits, spaces, dashes or underscores',
  })
  @ArrayUnique()
  tags?: string[];
}

export class PatchListingDto extends PartialType(ListingInputDto, { skipNullProperties: false }) {}

export class ListingDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: () => PhotoDto,
    nullable: true,
    description:
      'The photo to lead with (the main one, else the first by position), for list cards; null without photos',
  })
  leadPhoto!: PhotoDto | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The catalog coffee this sells' })
  coffeeId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The catalog watch this sells' })
  watchId!: string | null;

  @ApiProperty({ format: 'uuid' })
  sellerId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ example: '12500.00' })
  price!: string;

  @ApiProperty({ example: 'RUB' })
  currency!: string;

  @ApiProperty({ enum: LISTING_STATUSES })
  status!: ListingStatus;

  @ApiProperty({ type: [CharacteristicDto] })
  characteristics!: CharacteristicDto[];

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  publishedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  soldAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ListingPageDto = PageOf(ListingDto);
export type ListingPageDto = Page<ListingDto>;

export const LISTING_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    sellerId: 'uuid',
    title: 'string',
    price: 'number',
    currency: 'string',
    status: 'string',
    publishedAt: 'date',
    createdAt: 'date',
    updatedAt: 'date',
  },
  searchable: ['title', 'description'],
  defaultSort: '-createdAt',
  parameters: ['tag'],
};

export function toListingDto(listing: ListingEntity, leadPhoto: PhotoDto | null): ListingDto {
  return {
    id: listing.id,
    leadPhoto,
    sellerId: listing.sellerId,
    title: listing.title,
    description: listing.description,
    price: listing.price,
    currency: listing.currency,
    status: listing.status,
    characteristics: listing.characteristics,
    tags: (listing.tagLinks ?? [])
      .flatMap((link) => (link.tag ? [link.tag.name] : []))
      .sort((a, b) => a.localeCompare(b)),
    version: listing.version,
    publishedAt: listing.publishedAt?.toISOString() ?? null,
    soldAt: listing.soldAt?.toISOString() ?? null,
    coffeeId: listing.coffeeId,
    watchId: listing.watchId,
    createdAt: listing.createdAt.toISOString(),
    updatedAt: listing.updatedAt.toISOString(),
  };
}
