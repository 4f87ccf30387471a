import { Omittable, type Language, type Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties, translatableOf } from '../translations/translation.dto.js';
import { aggregateOfRow, RatingDto, toRatingDto } from '../checkins/rating.dto.js';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  DictionaryRefDto,
  OptionalReference,
  OptionalText,
  OptionalYear,
  RequiredText,
  toRef,
  trimmed,
} from '../items/item-fields.js';
import { CatalogItemDto, catalogItemDto } from '../items/catalog-item.dto.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { WatchEntity } from './watch.entity.js';

/** A watch's photo folder (a Unicode pattern: letters and digits of any script). */
const FOLDER = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,119}$/u;

/** `POST /watches` and `PUT /watches/:id`: the whole watch. */
export class WatchInputDto {
  @RequiredText(200, 'Восток Амфибия 420059')
  name!: string;

  @ApiProperty({
    example: 'vostok-amphibia-420059',
    maxLength: 120,
    pattern: FOLDER.source,
    description: 'Photo folder, unique: letters, digits, dots, dashes and underscores',
  })
  @Transform(trimmed)
  @IsString()
  @Matches(FOLDER, {
    message: 'folder must be letters, digits, dots, dashes and underscores (at most 120)',
  })
  folder!: string;

  @OptionalText(60, '420059')
  code?: string | null;

  @ApiPropertyOptional({ default: false })
  @Omittable()
  @IsBoolean()
  integratedBracelet?: boolean;

  @OptionalYear(1967)
  startRelease?: number | null;

  @OptionalYear(1991)
  endRelease?: number | null;

  @OptionalReference('/dictionaries/genders')
  genderId?: string | null;

  @OptionalReference('/dictionaries/case-materials')
  caseMaterialId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A /mechanisms id' })
  @IsOptional()
  @IsUUID()
  mechanismId?: string | null;

  @OptionalReference('/dictionaries/factories')
  factoryId?: string | null;

  @OptionalReference('/dictionaries/brands')
  brandId?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 60 },
    example: ['Амфибия', 'Amphibia'],
    maxItems: 30,
    uniqueItems: true,
    description: 'Different regardless of case',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(30)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? (value as unknown[]).map((key) => trimmed({ value: key })) : value,
  )
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  @ArrayUnique((key: unknown) => (typeof key === 'string' ? key.toLowerCase() : key), {
    message: 'aliases must differ (regardless of case)',
  })
  aliases?: string[];
}

/** `PATCH /watches/:id`: the fields to change; null clears an optional one. */
export class PatchWatchDto extends PartialType(WatchInputDto, { skipNullProperties: false }) {}

export class MechanismRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '2409' })
  name!: string;

  @TranslatableProperties.description()
  description!: string | null;

  @TranslatableProperties.language()
  language!: Language;

  @TranslatableProperties.originalLanguage()
  originalLanguage!: Language;

  @TranslatableProperties.translations()
  translations!: Translations<TranslatedField>;
}

export class WatchDto extends CatalogItemDto {
  @ApiProperty({ example: 'Восток Амфибия 420059' })
  name!: string;

  @TranslatableProperties.description()
  description!: string | null;

  @TranslatableProperties.language()
  language!: Language;

  @TranslatableProperties.originalLanguage()
  originalLanguage!: Language;

  @TranslatableProperties.translations()
  translations!: Translations<TranslatedField>;

  @ApiProperty({ example: 'vostok-amphibia-420059' })
  folder!: string;

  @ApiProperty({ nullable: true, type: String })
  code!: string | null;

  @ApiProperty()
  integratedBracelet!: boolean;

  @ApiProperty({ nullable: true, type: Number })
  startRelease!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  endRelease!: number | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  gender!: DictionaryRefDto | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  caseMaterial!: DictionaryRefDto | null;

  @ApiProperty({ type: MechanismRefDto, nullable: true })
  mechanism!: MechanismRefDto | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  factory!: DictionaryRefDto | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  brand!: DictionaryRefDto | null;

  @ApiProperty({ type: [String] })
  aliases!: string[];

  @ApiProperty({ type: RatingDto, description: "Wrist-check ratings (each user's latest counts)" })
  rating!: RatingDto;
}

export const WatchPageDto = PageOf(WatchDto);
export type WatchPageDto = Page<WatchDto>;

export const WATCH_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    name: 'string',
    folder: 'string',
    code: 'string',
    integratedBracelet: 'boolean',
    startRelease: 'integer',
    endRelease: 'integer',
    genderId: 'uuid',
    caseMaterialId: 'uuid',
    mechanismId: 'uuid',
    factoryId: 'uuid',
    brandId: 'uuid',
    createdBy: 'uuid',
    createdAt: 'date',
    updatedAt: 'date',
  },
  searchable: ['name', 'code', 'folder'],
  defaultSort: 'name',
};

const aliasKeys = (watch: WatchEntity): string[] =>
  (watch.aliases ?? []).map((alias) => alias.key).sort((a, b) => a.localeCompare(b));

/** A watch read with its dictionary values, mechanism and aliases. */
/** The watch as answered; its rating's average shows from `ratingMinCount` ratings (RATING_MIN_COUNT). */
export function toWatchDto(watch: WatchEntity, ratingMinCount: number): WatchDto {
  return {
    ...catalogItemDto(watch),
    ...translatableOf(watch),
    folder: watch.folder,
    code: watch.code,
    integratedBracelet: watch.integratedBracelet,
    startRelease: watch.startRelease,
    endRelease: watch.endRelease,
    gender: toRef(watch.gender),
    caseMaterial: toRef(watch.caseMaterial),
    mechanism: watch.mechanism ? { id: watch.mechanism.id, ...translatableOf(watch.mechanism) } : null,
    factory: toRef(watch.factory),
    brand: toRef(watch.brand),
    aliases: aliasKeys(watch),
    rating: toRatingDto(aggregateOfRow(watch), ratingMinCount),
  };
}

/** The watch's editable fields as `POST /watches` takes them. */
export function watchFields(watch: WatchEntity, aliases: readonly string[]): FieldValues {
  return {
    name: watch.name,
    folder: watch.folder,
    code: watch.code,
    integratedBracelet: watch.integratedBracelet,
    startRelease: watch.startRelease,
    endRelease: watch.endRelease,
    genderId: watch.genderId,
    caseMaterialId: watch.caseMaterialId,
    mechanismId: watch.mechanismId,
    factoryId: watch.factoryId,
    brandId: watch.brandId,
    aliases: [...aliases].sort((a, b) => a.localeCompare(b)),
  };
}
