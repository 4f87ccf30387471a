import { describe, expect, it } from 'vitest';
import {
  fallbackChain,
  languageOfRequest,
  parseAcceptLanguage,
  requestedLanguage,
  takeRequestLanguage,
  translate,
} from './language.js';
import { localizeProblem, PROBLEM_DETAILS } from './problem-messages.js';

describe('Accept-Language', () => {
  it('orders ranges by q-value, ties in header order, and lower-cases them', () => {
    expect(parseAcceptLanguage('en;q=0.5, es-MX;q=0.9, ru, *;q=0.1')).toEqual([
      { range: 'ru', q: 1 },
      { range: 'es-mx', q: 0.9 },
      { range: 'en', q: 0.5 },
      { range: '*', q: 0.1 },
    ]);
    expect(parseAcceptLanguage('fr, de')).toEqual([
      { range: 'fr', q: 1 },
      { range: 'de', q: 1 },
    ]);
    expect(parseAcceptLanguage(['es;q=0.2', 'en'])).toEqual([
      { range: 'en', q: 1 },
      { range: 'es', q: 0.2 },
    ]);
  });

  it('skips malformed entries and weights instead of failing', () => {
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
    expect(parseAcceptLanguage('<script>, en;q=2, es;q=abc, ru;q=0.30, ;;;, -')).toEqual([
      { range: 'ru', q: 0.3 },
    ]);
    expect(parseAcceptLanguage('x'.repeat(10_000))).toEqual([]);
    // Past twenty entries nothing more is read.
    expect(parseAcceptLanguage([...Array.from({ length: 30 }, () => 'fr'), 'es'].join(','))).toHaveLength(20);
  });

  it('chooses ?lang= first, then the best-weighted supported language; q=0 refuses one', () => {
    expect(requestedLanguage('es', 'en')).toBe('es');
    expect(requestedLanguage('ES-mx', undefined)).toBe('es');
    expect(requestedLanguage('fr', 'es;q=0.9, en;q=0.5')).toBe('es');
    expect(requestedLanguage(undefined, 'fr-CA, en;q=0.8, es;q=0.5')).toBe('en');
    expect(requestedLanguage(undefined, 'es;q=0, en;q=0.1')).toBe('en');
    expect(requestedLanguage(undefined, 'ru-RU,ru;q=0.9')).toBe('ru');
    expect(requestedLanguage(undefined, '*')).toBeNull();
    expect(requestedLanguage(['es'], 'fr')).toBeNull();
    expect(requestedLanguage(42, undefined)).toBeNull();
  });

  it('reads a request once and takes lang out of its query', () => {
    const request = { query: { lang: ['es', 'en'], page: '2' }, headers: { 'accept-language': 'ru' } };
    expect(languageOfRequest(request)).toBe('es');
    expect(takeRequestLanguage(request)).toBe('es');
    expect(request.query).toEqual({ page: '2' });
    expect(languageOfRequest(request)).toBe('es');
    expect(languageOfRequest({ headers: {} })).toBeNull();
  });
});

describe('the fallback chain', () => {
  it('goes requested → en → original, each once; no request keeps the original', () => {
    expect(fallbackChain('es', 'ru')).toEqual(['es', 'en', 'ru']);
    expect(fallbackChain('en', 'ru')).toEqual(['en', 'ru']);
    expect(fallbackChain('ru', 'ru')).toEqual(['ru', 'en']);
    expect(fallbackChain('es', 'en')).toEqual(['es', 'en']);
    expect(fallbackChain(null, 'es')).toEqual(['es']);
  });

  it('takes the first language that has the text; the original in its own language', () => {
    const translations = { en: { name: 'Kenya', description: 'Bright' }, es: { name: 'Kenia' } };
    expect(translate('name', 'Кения', 'ru', translations, 'es')).toEqual({ value: 'Kenia', language: 'es' });
    expect(translate('description', null, 'ru', translations, 'es')).toEqual({
      value: 'Bright',
      language: 'en',
    });
    expect(translate('name', 'Кения', 'ru', translations, 'ru')).toEqual({ value: 'Кения', language: 'ru' });
    expect(translate('name', 'Кения', 'ru', {}, 'es')).toEqual({ value: 'Кения', language: 'ru' });
    expect(translate('name', 'Кения', 'ru', { es: { name: '' } }, 'es')).toEqual({
      value: 'Кения',
      language: 'ru',
    });
    expect(translate('name', 'Кения', 'ru', translations, null)).toEqual({ value: 'Кения', language: 'ru' });
    expect(translate('description', null, 'ru', {}, 'en')).toEqual({ value: null, language: 'ru' });
  });
});

describe('problems in other languages', () => {
  const problem = {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'No coffee 42',
    code: 'COFFEE_NOT_FOUND',
  };

  it('translates the title by status and the detail by code, never the code', () => {
    expect(localizeProblem(problem, 'ru')).toEqual({
      ...problem,
      title: 'Не найдено',
      detail: PROBLEM_DETAILS.COFFEE_NOT_FOUND.ru,
    });
    expect(localizeProblem(problem, 'es')).toMatchObject({
      title: 'No encontrado',
      code: 'COFFEE_NOT_FOUND',
    });
  });

  it('keeps English as raised, and an unknown code its English detail', () => {
    expect(localizeProblem(problem, 'en')).toBe(problem);
    expect(localizeProblem(problem, null)).toBe(problem);
    expect(localizeProblem({ ...problem, code: 'SOMETHING_NEW' }, 'es')).toEqual({
      ...problem,
      code: 'SOMETHING_NEW',
      title: 'No encontrado',
    });
  });
});
