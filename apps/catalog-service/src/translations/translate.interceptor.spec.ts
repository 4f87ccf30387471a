import { rejectionOf } from '@agora/testing';
import { describe, expect, it } from 'vitest';
import { CatalogException } from '../catalog.errors.js';
import { translateDeep } from './translate.interceptor.js';
import { applyTranslation } from './translation-change.js';

const kenya = {
  id: 'origin',
  name: 'Кения',
  description: null,
  language: 'ru',
  originalLanguage: 'ru',
  translations: { en: { name: 'Kenya' }, es: { name: 'Kenia', description: 'País' } },
};

describe('translateDeep', () => {
  it('answers every translatable object of the body along the chain, leaving the rest as it is', () => {
    const coffee = {
      ...kenya,
      id: 'coffee',
      name: 'Кения Ньери',
      translations: { en: { name: 'Kenya Nyeri', description: 'Bright' } },
      origin: kenya,
      roaster: { ...kenya, name: 'Зёрна', translations: {} },
      tastingNotes: ['томат'],
      rating: { count: 0, average: null },
    };
    const page = { items: [coffee], total: 1 };
    expect(translateDeep(page, 'es')).toEqual({
      items: [
        {
          ...coffee,
          name: 'Kenya Nyeri',
          description: 'Bright',
          language: 'en',
          origin: { ...kenya, name: 'Kenia', description: 'País', language: 'es' },
          roaster: { ...coffee.roaster, name: 'Зёрна', language: 'ru' },
        },
      ],
      total: 1,
    });
    // The body given is not changed (pages may be cached).
    expect(page.items[0].name).toBe('Кения Ньери');
  });

  it('leaves objects without translations, and values that are not objects, alone', () => {
    expect(translateDeep({ name: 'x', items: [1, 'a', null] }, 'en')).toEqual({
      name: 'x',
      items: [1, 'a', null],
    });
    expect(translateDeep(null, 'en')).toBeNull();
  });
});

describe('applyTranslation', () => {
  const row = { name: 'Кения', language: 'ru' as const, translations: { en: { name: 'Kenya' } } };

  it('sets one language, sanitized, keeping the others; removes one', () => {
    expect(
      applyTranslation(row, { language: 'es', text: { name: ' Kenia\u202E ', description: '  ' } }),
    ).toEqual({
      en: { name: 'Kenya' },
      es: { name: 'Kenia' },
    });
    expect(applyTranslation(row, { language: 'en', text: null })).toEqual({});
  });

  it('refuses the original language and removing a missing translation', async () => {
    const refused = (change: Parameters<typeof applyTranslation>[1]) =>
      rejectionOf(new Promise((resolve) => resolve(applyTranslation(row, change))), CatalogException);
    expect(await refused({ language: 'ru', text: { name: 'Кения' } })).toMatchObject({
      code: 'TRANSLATION_OF_ORIGINAL',
    });
    expect(await refused({ language: 'es', text: null })).toMatchObject({ code: 'TRANSLATION_NOT_FOUND' });
    expect(await refused({ language: 'es', text: { name: '\u0007' } })).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
