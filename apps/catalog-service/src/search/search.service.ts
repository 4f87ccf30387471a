import {
  ListQueryErrorCode,
  ListQueryException,
  type ParsedFilter,
  type ParsedListQuery,
} from '@agora/list-query';
import type { Language } from '@agora/http';
import { Injectable, Logger } from '@nestjs/common';
import { CatalogConfig } from '../catalog.config.js';
import { SearchResultCache } from './search-cache.js';
import { SearchRepository } from './search.repository.js';
import { SEARCH_KINDS, type SearchKind } from './search-index.js';
import type { SearchHitDto, SearchPageDto } from './search.dto.js';

/**
 * How many matches of each tier are ranked (docs/adr/0009-search-top-k.md): ranking reads each match's
 * document, so a common word over a million items would cost seconds; past this many the page comes from
 * the first candidates the indexes give, titles starting with the query among them, and `totalExact` is false.
 */
export const SEARCH_CANDIDATES = 128;

/**
 * How many matches of a common word a walk takes (the GiST or prefix index, docs/adr/0009-search-top-k.md): a
 * sample of at least COMMON_WORD_DOCUMENTS in the index's order, so a larger one ranks no better matches, while
 * each one costs a walk step and a rank (64 instead of 128 cut PostgreSQL's time per search by a quarter).
 */
export const SEARCH_WALK_CANDIDATES = 64;

/** The deepest a page may reach into the candidates (`page × limit`): deeper pages get nothing. */
const MAX_CANDIDATES = 10_000;

/**
 * A word is common when at least this many documents, and at least COMMON_SHARE of them, hold it
 * (PostgreSQL's statistics of the tsvector column). A query of common words takes its candidates by
 * walking the GiST index, which stops at the cap; others take GIN, whose bitmap holds every match before
 * `LIMIT` applies, cheap only while the matches are few (docs/adr/0009-search-top-k.md).
 */
export const COMMON_WORD_DOCUMENTS = 10_000;
const COMMON_SHARE = 0.01;

/** How often the common words are read again from the statistics (ANALYZE refreshes those). */
const COMMON_WORDS_REFRESH_MS = 60_000;

/** The query's words (at most ten), for matching any of them when not all match. */
const wordsOf = (text: string): string[] => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 10);

/** The kinds a `filter[kind]` leaves in, checked against the searchable kinds. */
function kindsOf(filters: readonly ParsedFilter[]): SearchKind[] {
  let kinds: SearchKind[] = [...SEARCH_KINDS];
  for (const filter of filters) {
    const values = (Array.isArray(filter.value) ? filter.value : [filter.value]).map(String);
    const unknown = values.filter((value) => !(SEARCH_KINDS as readonly string[]).includes(value));
    if (unknown.length > 0 || !['eq', 'ne', 'in'].includes(filter.operator)) {
      throw new ListQueryException(
        ListQueryErrorCode.INVALID_LIST_QUERY,
        'filter[kind] takes eq, ne or in over coffee, watch, product, listing',
        {
          errors: [
            { field: `filter[kind][${filter.operator}]`, messages: [`kinds: ${SEARCH_KINDS.join(', ')}`] },
          ],
        },
      );
    }
    kinds =
      filter.operator === 'ne'
        ? kinds.filter((kind) => !values.includes(kind))
        : kinds.filter((kind) => values.includes(kind));
  }
  return kinds;
}

/**
 * The first level of the two-level search (seed 000): one ranked query over every kind's names,
 * aliases, roasters and brands, in Russian and English, accents and ё folded. Items with every word
 * (full-text, stemmed) come first; when they do not fill the page, items with some of the words, then
 * near spellings (trigram word similarity on the names), so a typo still finds its item. The second
 * level is each kind's list route with its precise filters.
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);
  private commonWords: readonly string[] = [];
  private commonWordsAt = 0;
  private commonWordsLoading: Promise<void> | undefined;

  constructor(
    private readonly repository: SearchRepository,
    private readonly cache: SearchResultCache,
    private readonly config: CatalogConfig,
  ) {}

  /**
   * `fresh`: rank again rather than answer from the page cache (the request's `Cache-Control: no-cache`);
   * `language`: titles and subtitles in it (fallback chain), null for the originals; part of the cache key.
   */
  async search(
    text: string,
    query: ParsedListQuery,
    options: { fresh?: boolean; language?: Language | null } = {},
  ): Promise<SearchPageDto> {
    const kinds = kindsOf(query.filters);
    const language = options.language ?? null;
    const key = `${language ?? '-'}|${query.page}|${query.limit}|${kinds.join(',')}|${text.toLowerCase()}`;
    const cached = options.fresh ? undefined : this.cache.get(key);
    if (cached) {
      return cached;
    }
    const generation = this.cache.current();
    const page = await this.rank(text, kinds, query, language);
    this.cache.set(key, page, generation);
    return page;
  }

  private async rank(
    text: string,
    kinds: SearchKind[],
    query: ParsedListQuery,
    language: Language | null,
  ): Promise<SearchPageDto> {
    const offset = (query.page - 1) * query.limit;
    const window = (cap: number): number => Math.min(Math.max(cap, offset + query.limit), MAX_CANDIDATES);
    const commonWords = await this.commonWordsNow();
    const rows = await this.repository.rank({
      text,
      // Every kind: no condition at all, so no index is walked for `kind` alone.
      kinds: kinds.length === SEARCH_KINDS.length ? null : kinds,
      limit: query.limit,
      offset,
      words: wordsOf(text),
      commonWords,
      candidates: window(SEARCH_CANDIDATES),
      walkCandidates: window(SEARCH_WALK_CANDIDATES),
      typoThreshold: this.config.SEARCH_TYPO_THRESHOLD,
    });
    const items: SearchHitDto[] = rows.map((row) => {
      // The document holds, per language, the title and subtitle a translation changes (the chain applied).
      const localized = language === null ? undefined : row.titles[language];
      return {
        kind: row.kind,
        id: row.item_id,
        title: localized?.title ?? row.title,
        subtitle: localized?.subtitle ?? row.subtitle,
        rank: Math.round(Number(row.rank) * 1000) / 1000,
      };
    });
    return {
      items,
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      totalExact: rows.length === 0 || !rows[0].capped,
      page: query.page,
      limit: query.limit,
      nextCursor: null,
    };
  }

  /**
   * The words of the documents' common-word list (PostgreSQL's most common elements of the tsvector and
   * the table's row estimate, both kept by ANALYZE), read at most once a minute; until the first read, and
   * when it fails, no word is common and every search takes GIN.
   */
  private async commonWordsNow(): Promise<readonly string[]> {
    if (Date.now() - this.commonWordsAt > COMMON_WORDS_REFRESH_MS && !this.commonWordsLoading) {
      this.commonWordsLoading = this.loadCommonWords().finally(() => {
        this.commonWordsLoading = undefined;
      });
      if (this.commonWordsAt === 0) {
        await this.commonWordsLoading;
      }
    }
    return this.commonWords;
  }

  private async loadCommonWords(): Promise<void> {
    try {
      this.commonWords = await this.repository.commonWords(COMMON_SHARE, COMMON_WORD_DOCUMENTS);
    } catch (error) {
      this.logger.warn(`common search words not read: ${String(error)}`);
    }
    this.commonWordsAt = Date.now();
  }
}
