import type { Language, Translations } from '@agora/http';
import type { TranslatedField } from '../translations/translatable.js';
import { TranslatableProperties, translatableOf } from '../translations/translation.dto.js';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { DictionaryValueEntity } from '../dictionaries/dictionary-value.entity.js';

/** Trims strings before validation; leaves anything else for the validators to refuse. */
export const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Required text of 1..maxLength characters after trimming. */
export const RequiredText = (maxLength: number, example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, minLength: 1, maxLength }),
    Transform(trimmed),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
  );

/** Optional text: absent keeps it (PATCH), null clears it. */
export const OptionalText = (maxLength: number, example: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ example, minLength: 1, maxLength, nullable: true, type: String }),
    IsOptional(),
    Transform(trimmed),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
  );

/** An optional id of a dictionary value (checked against the dictionary by the service). */
export const OptionalReference = (dictionary: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      nullable: true,
      type: String,
      description: `A value of ${dictionary}`,
    }),
    IsOptional(),
    IsUUID(),
  );

/** An optional whole number within bounds. */
export const OptionalInteger = (
  min: number,
  max: number,
  example: number,
  description?: string,
): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      example,
      minimum: min,
      maximum: max,
      nullable: true,
      type: 'integer',
      description,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

/** A production year (seed 002 start_release / end_release). */
export const OptionalYear = (example: number): PropertyDecorator => OptionalInteger(1700, 2100, example);

/** A dictionary value as items show it. */
export class DictionaryRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

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
}

export const toRef = (value: DictionaryValueEntity | null | undefined): DictionaryRefDto | null =>
  value ? { id: value.id, ...translatableOf(value) } : null;
