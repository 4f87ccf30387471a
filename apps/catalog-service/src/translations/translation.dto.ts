import { LANGUAGES, type Language, type Translations } from '@agora/http';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Translatable, TranslatedField } from './translatable.js';

/** One language's texts of a row. */
export class TranslationTextDto {
  @ApiPropertyOptional({ example: 'Kenya' })
  name?: string;

  @ApiPropertyOptional({ example: 'Bright, with blackcurrant and tomato' })
  description?: string;
}

/** Every translation of a row, by language (the original language is never among them). */
export class TranslationsDto {
  @ApiPropertyOptional({ type: TranslationTextDto })
  ru?: TranslationTextDto;

  @ApiPropertyOptional({ type: TranslationTextDto })
  en?: TranslationTextDto;

  @ApiPropertyOptional({ type: TranslationTextDto })
  es?: TranslationTextDto;
}

/**
 * The members every translatable answer has (coffees, watches, mechanisms, dictionary values and the
 * references to them): `name` and `description` come in `language`, chosen by the request along the fallback
 * chain; `originalLanguage` is the one `name` was written in; `translations` are all of them, for editors.
 */
export const TranslatableProperties = {
  language: () =>
    ApiProperty({
      enum: LANGUAGES,
      description:
        'The language `name` is answered in (?lang= or Accept-Language, then en, then the original)',
    }),
  originalLanguage: () => ApiProperty({ enum: LANGUAGES, description: 'The language `name` is written in' }),
  translations: () => ApiProperty({ type: TranslationsDto }),
  description: () =>
    applyDecorators(
      ApiProperty({
        type: String,
        nullable: true,
        description: "A translation's description in the answer's language (or along the fallback chain)",
      }),
    ),
};

/** What a translatable answer carries; the TranslateInterceptor picks `name` and `description` from it. */
export interface TranslatableDto {
  name: string;
  description: string | null;
  language: Language;
  originalLanguage: Language;
  translations: Translations<TranslatedField>;
}

/** A row's translatable members as answered before the request's language is applied. */
export function translatableOf(row: Translatable): TranslatableDto {
  return {
    name: row.name,
    description: null,
    language: row.language,
    originalLanguage: row.language,
    translations: row.translations,
  };
}
