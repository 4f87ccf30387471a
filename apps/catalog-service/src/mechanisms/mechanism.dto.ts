import { Omittable, type Language, type Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties, translatableOf } from '../translations/translation.dto.js';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import {
  DictionaryRefDto,
  OptionalInteger,
  OptionalReference,
  OptionalYear,
  RequiredText,
  toRef,
} from '../items/item-fields.js';
import { CatalogItemDto, catalogItemDto } from '../items/catalog-item.dto.js';
import type { FieldValues } from '../moderation/draft.entity.js';
import type { MechanismEntity } from './mechanism.entity.js';

/** `POST /mechanisms` and `PUT /mechanisms/:id`: the whole mechanism. */
export class MechanismInputDto {
  @RequiredText(120, '2409')
  name!: string;

  @OptionalInteger(0, 100, 17, 'Jewels')
  stones?: number | null;

  @OptionalYear(1978)
  startRelease?: number | null;

  @OptionalYear(1991)
  endRelease?: number | null;

  @OptionalReference('/dictionaries/mechanism-types')
  mechanismTypeId?: string | null;

  @OptionalReference('/dictionaries/factories')
  factoryId?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    maxItems: 30,
    uniqueItems: true,
    description: 'Values of /dictionaries/functions',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  functionIds?: string[];
}

/** `PATCH /mechanisms/:id`: the fields to change; null clears an optional one. */
export class PatchMechanismDto extends PartialType(MechanismInputDto, { skipNullProperties: false }) {}

export class MechanismDto extends CatalogItemDto {
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

  @ApiProperty({ nullable: true, type: Number, example: 17 })
  stones!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  startRelease!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  endRelease!: number | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  mechanismType!: DictionaryRefDto | null;

  @ApiProperty({ type: DictionaryRefDto, nullable: true })
  factory!: DictionaryRefDto | null;

  @ApiProperty({ type: [DictionaryRefDto] })
  functions!: DictionaryRefDto[];
}

export const MechanismPageDto = PageOf(MechanismDto);
export type MechanismPageDto = Page<MechanismDto>;

export const MECHANISM_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    name: 'string',
    stones: 'integer',
    startRelease: 'integer',
    endRelease: 'integer',
    mechanismTypeId: 'uuid',
    factoryId: 'uuid',
    createdBy: 'uuid',
    createdAt: 'date',
    updatedAt: 'date',
  },
  searchable: ['name'],
  defaultSort: 'name',
};

/** A mechanism read with its type, factory and function links. */
export function toMechanismDto(mechanism: MechanismEntity): MechanismDto {
  return {
    ...catalogItemDto(mechanism),
    ...translatableOf(mechanism),
    stones: mechanism.stones,
    startRelease: mechanism.startRelease,
    endRelease: mechanism.endRelease,
    mechanismType: toRef(mechanism.mechanismType),
    factory: toRef(mechanism.factory),
    functions: (mechanism.functionLinks ?? [])
      .flatMap((link) => (link.function ? [toRef(link.function) as DictionaryRefDto] : []))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The mechanism's editable fields as `POST /mechanisms` takes them. */
export function mechanismFields(mechanism: MechanismEntity, functionIds: string[]): FieldValues {
  return {
    name: mechanism.name,
    stones: mechanism.stones,
    startRelease: mechanism.startRelease,
    endRelease: mechanism.endRelease,
    mechanismTypeId: mechanism.mechanismTypeId,
    factoryId: mechanism.factoryId,
    functionIds: [...functionIds].sort(),
  };
}
