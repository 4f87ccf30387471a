import { Omittable, type Language, type Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties, translatableOf } from '../translations/translation.dto.js';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';
import {
  DictionaryRefDto,
  OptionalInteger,
  OptionalReference,
  OptionalText,
  RequiredText,
  toRef,
  trimmed,
} from '../items/item-fields.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import { aggregateOfRow, RatingDto, toRatingDto } from '../checkins/rating.dto.js';
import { ROAST_LEVELS, type CoffeeEntity, type RoastLevel } from './coffee.entity.js';
import { IsBarcode } from '../items/barcode.js';

const Altitude = (): PropertyDecorator => OptionalInteger(0, 6000, 1900, 'Metres');

/** `POST /coffees` and `PUT /coffees/:id`: the whole card. */
export class CoffeeInputDto {
  @RequiredText(200, 'Ethiopia Yirgacheffe Kochere')
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'A value of /dictionaries/roasters' })
  @IsUUID()
  roasterId!: string;

  @ApiPropertyOptional({ example: 'ET', nullable: true, type: String, description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  countryCode?: string | null;

  @OptionalReference('/dictionaries/origins')
  originId?: string | null;

  @OptionalText(200, 'Kochere washing station')
  farm?: string | null;

  @OptionalReference('/dictionaries/farmers')
  farmerId?: string | null;

  @OptionalText(120, 'Heirloom')
  variety?: string | null;

  @OptionalReference('/dictionaries/processes')
  processId?: string | null;

  @ApiPropertyOptional({ enum: ROAST_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(ROAST_LEVELS)
  roastLevel?: RoastLevel | null;

  @Altitude()
  altitudeMin?: number | null;

  @Altitude()
  altitudeMax?: number | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 40 },
    example: ['bergamot', 'jasmine', 'lemon'],
    maxItems: 20,
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((note) => (typeof note === 'string' ? note.trim().toLowerCase() : note))
      : value,
  )
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  tastingNotes?: string[];

  @ApiPropertyOptional({
    example: '4607123400012',
    nullable: true,
    type: String,
    description: 'EAN-8, UPC-A or EAN-13 (check digit verified)',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsBarcode()
  barcode?: string | null;
}

/** `PATCH /coffees/:id`: the fields to change; null clears an optional one. */
export class PatchCoffeeDto extends PartialType(CoffeeInputDto, { skipNullProperties: false }) {}

export class BarcodeParamDto {
  @ApiProperty({ example: '4607123400012', description: 'EAN-8, UPC-A or EAN-13' })
  @IsBarcode()
  barcode!: string;
}

/** What a scan of an unknown barcode offers to propose (`POST /coffees`): the fields known from the code. */
export interface CoffeeDraftTemplate {
  readonly barcode: string;
  readonly barcodeFormat: string;
}

export class CoffeeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Ethiopia Yirgacheffe Kochere' })
  name!: string;

  @TranslatableProperties.description()
  description!: string | null;

  @TranslatableProperties.language()
  language!: Language;

  @TranslatableProperties.originalLanguage()
  originalLanguage!: Language;

  @TranslatableProperties.translations()
  translations!: Translations<TranslatedField>;

  @ApiProperty({ type: DictionaryRefDto })
  roaster!: DictionaryRefDto;

  @ApiProperty({ example: 'ET', nullable: true, type: String })
  countryCode!: string | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  origin!: DictionaryRefDto | null;

  @ApiProperty({ nullable: true, type: String })
  farm!: string | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  farmer!: DictionaryRefDto | null;

  @ApiProperty({ nullable: true, type: String })
  variety!: string | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  process!: DictionaryRefDto | null;

  @ApiProperty({ enum: ROAST_LEVELS, nullable: true })
  roastLevel!: RoastLevel | null;

  @ApiProperty({ nullable: true, type: Number })
  altitudeMin!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  altitudeMax!: number | null;

  @ApiProperty({ type: [String] })
  tastingNotes!: string[];

  @ApiProperty({ nullable: true, type: String })
  barcode!: string | null;

  @ApiProperty({ type: RatingDto, description: "Check-in ratings (each user's latest counts)" })
  rating!: RatingDto;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const CoffeePageDto = PageOf(CoffeeDto);
export type CoffeePageDto = Page<CoffeeDto>;

export const COFFEE_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    name: 'string',
    roasterId: 'uuid',
    countryCode: 'string',
    originId: 'uuid',
    farmerId: 'uuid',
    processId: 'uuid',
    variety: 'string',
    roastLevel: 'string',
    altitudeMin: 'integer',
    altitudeMax: 'integer',
    barcode: 'string',
    createdAt: 'date',
    updatedAt: 'date',
  },
  searchable: ['name', 'variety', 'farm'],
  defaultSort: 'name',
};

/** A coffee read with its dictionary values (the roaster always exists). */
export type LoadedCoffee = CoffeeEntity & { roaster: DictionaryValueEntity };

/** The coffee as answered; its rating's average shows from `ratingMinCount` ratings (RATING_MIN_COUNT). */
export function toCoffeeDto(coffee: LoadedCoffee, ratingMinCount: number): CoffeeDto {
  return {
    id: coffee.id,
    ...translatableOf(coffee),
    roaster: toRef(coffee.roaster) as DictionaryRefDto,
    countryCode: coffee.countryCode,
    origin: toRef(coffee.origin),
    farm: coffee.farm,
    farmer: toRef(coffee.farmer),
    variety: coffee.variety,
    process: toRef(coffee.process),
    roastLevel: coffee.roastLevel,
    altitudeMin: coffee.altitudeMin,
    altitudeMax: coffee.altitudeMax,
    tastingNotes: coffee.tastingNotes,
    barcode: coffee.barcode,
    rating: toRatingDto(aggregateOfRow(coffee), ratingMinCount),
    version: coffee.version,
    createdAt: coffee.createdAt.toISOString(),
    updatedAt: coffee.updatedAt.toISOString(),
  };
}

/** The card's editable fields as `POST /coffees` takes them: drafts' payloads, diffs and history. */
export function coffeeFields(coffee: CoffeeEntity): FieldValues {
  return {
    name: coffee.name,
    roasterId: coffee.roasterId,
    countryCode: coffee.countryCode,
    originId: coffee.originId,
    farm: coffee.farm,
    farmerId: coffee.farmerId,
    variety: coffee.variety,
    processId: coffee.processId,
    roastLevel: coffee.roastLevel,
    altitudeMin: coffee.altitudeMin,
    altitudeMax: coffee.altitudeMax,
    tastingNotes: coffee.tastingNotes,
    barcode: coffee.barcode,
  };
}
