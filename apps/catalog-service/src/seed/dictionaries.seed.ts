import type { SeedContext } from './seed-context.js';
import * as words from './demo-vocabulary.js';

/** Every dictionary the demo items use: roasters, origins, brands, factories, mechanism types, tags… */
export async function seedDictionaries(seed: SeedContext): Promise<void> {
  const values: unknown[][] = [];
  const value = (kind: string, name: string, countryCode: string | null = null): void => {
    // Issue 17: the language each name is written in and its names in the others, where the seed has them.
    const translated = words.VALUE_TRANSLATIONS[kind]?.[name];
    const language = translated?.language ?? (words.LATIN_KINDS.includes(kind) ? 'en' : 'ru');
    const translations = JSON.stringify(translated?.translations ?? {});
    values.push([seed.remember(kind, name), kind, name, countryCode, language, translations]);
  };
  words.ROASTERS.forEach(([name, country]) => value('roasters', name, country));
  words.ORIGINS.forEach(([name, country]) => value('origins', name, country));
  words.PROCESSES.forEach((name) => value('processes', name));
  words.FARMERS.forEach((name) => value('farmers', name));
  [...words.SOVIET_BRANDS].forEach((name) => value('brands', name, 'RU'));
  [...words.SWISS_BRANDS].forEach((name) => value('brands', name, 'CH'));
  [...words.SOVIET_FACTORIES, ...words.SWISS_FACTORIES].forEach((name) => value('factories', name));
  words.CASE_MATERIALS.forEach((name) => value('case-materials', name));
  words.GENDERS.forEach((name) => value('genders', name));
  words.MECHANISM_TYPES.forEach((name) => value('mechanism-types', name));
  words.FUNCTIONS.forEach((name) => value('functions', name));
  words.LISTING_TAGS.forEach((name) => value('tags', name));
  await seed.insert(
    'dictionary_values',
    [
      ['id', 'uuid'],
      ['kind', 'text'],
      ['name', 'text'],
      ['country_code', 'text'],
      ['language', 'text'],
      ['translations', 'text', '$::jsonb'],
    ],
    values,
  );
  seed.counts.dictionaryValues = values.length;
}
