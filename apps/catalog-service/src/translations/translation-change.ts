import type { Language, Translations } from '@agora/http';
import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { cleanText } from '../checkins/checkin-input.js';
import type { Translatable, TranslatedField } from './translatable.js';
import type { PutTranslationDto } from './translation-input.dto.js';

/** A row's translation into one language: set (PUT) or removed (DELETE, `text` null). */
export interface TranslationChange {
  readonly language: Language;
  readonly text: PutTranslationDto | null;
}

/**
 * The row's translations with the change made, the texts sanitized like every user text: the original
 * language is refused (its text is the row's own), removing a translation that is not there is a 404.
 */
export function applyTranslation(
  row: Translatable,
  change: TranslationChange,
): Translations<TranslatedField> {
  if (change.language === row.language) {
    throw new CatalogException(
      CatalogErrorCode.TRANSLATION_OF_ORIGINAL,
      `"${row.name}" is written in ${row.language}; change the name itself instead`,
      { errors: [{ field: 'lang', messages: [`must not be ${row.language}, the original language`] }] },
    );
  }
  const { [change.language]: current, ...others } = row.translations;
  if (change.text === null) {
    if (current === undefined) {
      throw new CatalogException(
        CatalogErrorCode.TRANSLATION_NOT_FOUND,
        `"${row.name}" has no translation into ${change.language}`,
      );
    }
    return others;
  }
  const name = cleanText(change.text.name, 200, 'name');
  const description = cleanText(change.text.description, 2000, 'description', true);
  return { ...others, [change.language]: description === null ? { name } : { name, description } };
}
