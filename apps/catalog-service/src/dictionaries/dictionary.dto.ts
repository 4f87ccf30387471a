import { LANGUAGES, Omittable, type Language, type Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties, translatableOf } from '../translations/translation.dto.js';
import { trimmed } from '../items/item-fields.js';
import type { ListQuerySpec, Page } from '@agora/list-query';
import { PageOf } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DICTIONARY_KINDS, type DictionaryKind } from './dictionary-kinds.js';
import type { DictionaryValueEntity } from './dictionary-value.entity.js';

const upperCased = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class DictionaryKindParamDto {
  @ApiProperty({ enum: DICTIONARY_KINDS })
  @IsIn(DICTIONARY_KINDS)
  kind!: DictionaryKind;
}

export class DictionaryValueParamDto extends DictionaryKindParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class DictionaryValueTranslationParamDto extends DictionaryValueParamDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  lang!: Language;
}

export class CreateDictionaryValueDto {
  @ApiProperty({ example: 'Tasty Coffee', minLength: 1, maxLength: 120 })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiPropertyOptional({ example: 'RU', description: 'ISO 3166-1 alpha-2 (roasters, origins)' })
  @Omittable()
  @Transform(upperCased)
  @IsISO31661Alpha2()
  countryCode?: string;
}

/** A user's proposal of a new value: a draft, and a pending value usable in the user's own drafts. */
export class ProposeDictionaryValueDto extends CreateDictionaryValueDto {
  @ApiProperty({ enum: DICTIONARY_KINDS })
  @IsIn(DICTIONARY_KINDS)
  kind!: DictionaryKind;
}

export class UpdateDictionaryValueDto {
  @ApiPropertyOptional({ example: 'Tasty Coffee', minLength: 1, maxLength: 120 })
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: 'RU', nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @Transform(upperCased)
  @IsISO31661Alpha2()
  countryCode?: string | null;
}

export class DeleteDictionaryValueQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Moves every use to this value of the same kind first',
  })
  @IsOptional()
  @IsUUID()
  replaceWith?: string;
}

export class DictionaryValueDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 1, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;

  @ApiProperty({ enum: DICTIONARY_KINDS })
  kind!: DictionaryKind;

  @ApiProperty({ example: 'Tasty Coffee' })
  name!: string;

  @TranslatableProperties.description()
  description!: string | null;

  @TranslatableProperties.language()
  language!: Language;

  @TranslatableProperties.originalLanguage()
  originalLanguage!: Language;

  @TranslatableProperties.translations()
  translations!: Translations<TranslatedField>;

  @ApiProperty({ example: 'RU', nullable: true, type: String })
  countryCode!: string | null;
}

export const DictionaryValuePageDto = PageOf(DictionaryValueDto);
export type DictionaryValuePageDto = Page<DictionaryValueDto>;

export const DICTIONARY_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', name: 'string', countryCode: 'string', createdAt: 'date' },
  searchable: ['name'],
  defaultSort: 'name',
};

export function toDictionaryValueDto(value: DictionaryValueEntity): DictionaryValueDto {
  return {
    id: value.id,
    version: value.version,
    kind: value.kind,
    ...translatableOf(value),
    countryCode: value.countryCode,
  };
}
