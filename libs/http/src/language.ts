import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The languages answers are given in (issue 17): names, descriptions and problem documents in Russian, English
 * and Spanish. A request chooses with `?lang=` or `Accept-Language`; what it asks for that is not here is
 * ignored, never refused (docs/adr/0019-translations.md).
 */
export const LANGUAGES = ['ru', 'en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What every chain ends on before the original: the language most readers share. */
export const FALLBACK_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** One `Accept-Language` entry: a language range and its weight. */
export interface LanguageRange {
  readonly range: string;
  readonly q: number;
}

/** At most this many entries of a header are read (a longer one is someone's attempt at making us work). */
const MAX_RANGES = 20;
const RANGE = /^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * RFC 9110 §12.5.4: `es-MX;q=0.9, en;q=0.5, *;q=0.1` → ranges by weight, highest first (ties keep the
 * header's order); a malformed entry is skipped, a weight of 0 means "not this one".
 */
export function parseAcceptLanguage(header: string | readonly string[] | undefined): LanguageRange[] {
  const value = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  if (!value) {
    return [];
  }
  const ranges: (LanguageRange & { order: number })[] = [];
  for (const [order, entry] of value.split(',').slice(0, MAX_RANGES).entries()) {
    const [range = '', ...parameters] = entry.split(';').map((part) => part.trim());
    if (!RANGE.test(range)) {
      continue;
    }
    let q = 1;
    let valid = true;
    for (const parameter of parameters) {
      const weight = WEIGHT.exec(parameter);
      if (weight) {
        q = Number(weight[1]);
      } else if (/^q=/i.test(parameter)) {
        valid = false;
      }
    }
    if (valid) {
      ranges.push({ range: range.toLowerCase(), q, order });
    }
  }
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map(({ range, q }) => ({ range, q }));
}

/**
 * The language a request asks for: `?lang=` when it names one of LANGUAGES, else the best-weighted
 * `Accept-Language` range whose primary tag is one (`es-MX` is `es`; `*` takes none); null when it asks for
 * none of them (answers then keep each item's original, problems are in English).
 */
export function requestedLanguage(
  lang: unknown,
  acceptLanguage: string | readonly string[] | undefined,
): Language | null {
  const fromQuery = typeof lang === 'string' ? lang.trim().toLowerCase().split('-')[0] : undefined;
  if (isLanguage(fromQuery)) {
    return fromQuery;
  }
  for (const { range, q } of parseAcceptLanguage(acceptLanguage)) {
    const primary = range.split('-')[0];
    if (q > 0 && isLanguage(primary)) {
      return primary;
    }
  }
  return null;
}

/**
 * The order in which a translatable text is looked for (Vendure's fallback language, extended): the requested
 * language, then English, then the language it was written in, each once. `requested` null: the original only.
 */
export function fallbackChain(requested: Language | null, original: Language): Language[] {
  if (requested === null) {
    return [original];
  }
  return [...new Set<Language>([requested, FALLBACK_LANGUAGE, original])];
}

/** A text in each language it was translated into (its original language lives beside it). */
export type Translations<Field extends string = string> = Partial<
  Record<Language, Partial<Record<Field, string>>>
>;

/**
 * A text field in the first language of the chain that has it: the original's own value in its language, a
 * translation's in any other. `language` is where it came from (the original's when nothing else had it).
 */
export function translate(
  field: string,
  original: string | null,
  originalLanguage: Language,
  translations: Translations | null | undefined,
  requested: Language | null,
): { value: string | null; language: Language } {
  for (const language of fallbackChain(requested, originalLanguage)) {
    if (language === originalLanguage) {
      if (original !== null) {
        return { value: original, language };
      }
      continue;
    }
    const translated = translations?.[language]?.[field];
    if (typeof translated === 'string' && translated !== '') {
      return { value: translated, language };
    }
  }
  return { value: original, language: originalLanguage };
}

interface LanguageRequest {
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** The language each request asked for, read once (the query's `lang` is taken out then). */
const CHOSEN = new WeakMap<object, Language | null>();

/** The request's `?lang=` and `Accept-Language` (see requestedLanguage). */
export function languageOfRequest(request: LanguageRequest): Language | null {
  if (CHOSEN.has(request)) {
    return CHOSEN.get(request) ?? null;
  }
  const query = request.query as Record<string, unknown> | undefined;
  const lang = query && typeof query === 'object' ? query.lang : undefined;
  return requestedLanguage(Array.isArray(lang) ? lang[0] : lang, request.headers['accept-language']);
}

/**
 * Reads the request's language before any route sees the request and removes `lang` from its query, so
 * `?lang=` is a parameter of every route without any route's query validation knowing of it.
 */
export function takeRequestLanguage(request: LanguageRequest): Language | null {
  const language = languageOfRequest(request);
  const query = request.query as Record<string, unknown> | undefined;
  if (query && typeof query === 'object' && 'lang' in query) {
    delete query.lang;
  }
  CHOSEN.set(request, language);
  return language;
}

/** Adds `Accept-Language` to the answer's `Vary` (keeping what is there): caches key on the language. */
export function varyOnLanguage(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const values = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (!values.some((value) => value.toLowerCase() === 'accept-language' || value === '*')) {
    void reply.header('vary', [...values, 'Accept-Language'].join(', '));
  }
}

/** The language the request asked for (`?lang=`, then `Accept-Language`), null when none of LANGUAGES. */
export const RequestLanguage = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Language | null =>
    languageOfRequest(context.switchToHttp().getRequest<FastifyRequest>()),
);

/** Documents `?lang=` and `Accept-Language` on a route whose answer is translated. */
export const ApiLanguage = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiQuery({
      name: 'lang',
      required: false,
      enum: LANGUAGES,
      description:
        'The language of names, descriptions and problems; before Accept-Language. An unknown one is ignored',
    }),
    ApiHeader({
      name: 'Accept-Language',
      required: false,
      description:
        'e.g. `es;q=0.9, en;q=0.5`: the best-weighted of ru, en, es; missing texts fall back to en, then the original',
    }),
  );
