import { LANGUAGES, type Language, type Translations } from '@agora/http';

/** The texts of a catalog row that have translations (issue 17): its name and a description. */
export const TRANSLATED_FIELDS = ['name', 'description'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/** What a translatable row holds: `name` in `language`, and the other languages in `translations`. */
export interface Translatable {
  name: string;
  /** The language `name` is written in: where every fallback chain ends. */
  language: Language;
  /** `{ "en": { "name": "Kenya", "description": "…" }, "es": { … } }`; never the original language. */
  translations: Translations<TranslatedField>;
}

/** The check on a translatable table's `language`. */
export const languageCheck = (table: string): [string, string] => [
  `${table}_language_check`,
  `"language" IN (${LANGUAGES.map((language) => `'${language}'`).join(', ')})`,
];

/** The columns a page reads of a translatable row it shows by name (list engine joins). */
export const TRANSLATABLE_COLUMNS = ['name', 'language', 'translations'];
