import {
  ListQueryErrorCode,
  ListQueryException,
  type ParsedFilter,
  type ParsedListQuery,
} from '@agora/list-query';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SearchResultCache } from './search-cache.js';
import { SEARCH_KINDS, type SearchKind } from './search-index.js';
import type { SearchHitDto, SearchPageDto } from './search.dto.js';

/**
 * How many matches of each tier are ranked (docs/adr/0009-search-top-k.md): ranking reads each match's
 * document, so a common word over a million items would cost seconds; past this many the page comes from
 * the first candidates the indexes give, titles starting with the query among them, and `totalExact` is false.
 */
export const SEARCH_CANDIDATES = 256;

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

interface HitRow {
  kind: SearchKind;
  tier: number;
  item_id: string;
  title: string;
  subtitle: string | null;
  rank: number;
  total: string;
  capped: boolean;
}

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
    private readonly dataSource: DataSource,
    private readonly cache: SearchResultCache,
  ) {}

  /** `fresh`: rank again rather than answer from the page cache (the request's `Cache-Control: no-cache`). */
  async search(
    text: string,
    query: ParsedListQuery,
    options: { fresh?: boolean } = {},
  ): Promise<SearchPageDto> {
    const kinds = kindsOf(query.filters);
    const key = `${query.page}|${query.limit}|${kinds.join(',')}|${text.toLowerCase()}`;
    const cached = options.fresh ? undefined : this.cache.get(key);
    if (cached) {
      return cached;
    }
    const generation = this.cache.current();
    const page = await this.rank(text, kinds, query);
    this.cache.set(key, page, generation);
    return page;
  }

  private async rank(text: string, kinds: SearchKind[], query: ParsedListQuery): Promise<SearchPageDto> {
    const offset = (query.page - 1) * query.limit;
    const candidates = Math.min(Math.max(SEARCH_CANDIDATES, offset + query.limit), MAX_CANDIDATES);
    const commonWords = await this.commonWordsNow();
    // One statement, no transaction: the planner settings a walk needs are the functions' own (migration
    // SearchWalk), so nothing is set for the statement and nothing is decided before it.
    //
    // `terms` normalises the text and decides, over every kind, which tiers walk the GiST index: common words
    // (as written or stemmed: COMMON_WORD_DOCUMENTS) take their candidates from catalog.search_walk, which
    // stops at the cap, instead of gathering every match from GIN's bitmap. When all of the words are common
    // (`all`), tiers 1 and 2 walk, and tier 1's titles starting with the text are walked in the prefix btree's
    // order (catalog.search_prefix_walk); when some are, tier 2 (any word) walks while tier 1 keeps GIN, which
    // the rare word makes cheap; otherwise (`none`, or a kind filter) GIN only. Each tier has both of its
    // branches in the statement, and the mode lets only one of them run.
    //
    // Each tier takes at most `candidates` matches from its index (no ORDER BY: the first the index gives)
    // and ranks only those; titles starting with the text come first, so they are always among tier 1's
    // candidates. The tsqueries come from `terms`, out of the planner's sight: it picks GIN (or the walk)
    // for them whatever their statistics say. Near spellings (catalog.search_near, trigram word similarity)
    // are not looked for when every word is common: those fill the candidates by words alone.
    const rows = await this.dataSource.query<HitRow[]>(
      `WITH normalized AS (
         SELECT coalesce(catalog.search_normalize($1), '') AS text
       ),
       terms AS MATERIALIZED (
         SELECT normalized.text,
           websearch_to_tsquery('simple', normalized.text) || websearch_to_tsquery('russian', normalized.text)
             AS every_word,
           to_tsquery('simple', words.any_word) || to_tsquery('russian', words.any_word) AS any_word,
           CASE
             WHEN $2::text[] IS NOT NULL THEN 'none'
             WHEN cardinality(simple_words) > 0 AND simple_words <@ $6::text[]
               OR cardinality(stems) > 0 AND stems <@ $6::text[] THEN 'all'
             WHEN simple_words && $6::text[] OR stems && $6::text[] THEN 'some'
             ELSE 'none'
           END AS mode
         FROM normalized,
           tsvector_to_array(to_tsvector('simple', normalized.text)) AS simple_words,
           tsvector_to_array(to_tsvector('russian', normalized.text)) AS stems,
           (SELECT coalesce(string_agg(format('%L', word), ' | '), '') AS any_word
            FROM unnest($5::text[]) AS word) AS words
       ),
       every_word_found AS MATERIALIZED (
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.search_title, d.document, 'prefix' AS branch
          FROM terms, LATERAL catalog.search_prefix_walk(terms.text, terms.every_word, $7::int) d
          WHERE terms.mode = 'all')
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.search_title, d.document, 'prefix' AS branch
          FROM terms, catalog.search_documents d
          WHERE terms.mode <> 'all'
            AND d.search_title ~>=~ terms.text AND d.search_title ~<~ (terms.text || chr(1114111))
            AND starts_with(d.search_title, terms.text) AND d.document @@ terms.every_word
            AND ($2::text[] IS NULL OR d.kind = ANY($2::text[]))
          LIMIT $7)
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.search_title, d.document, 'words' AS branch
          FROM terms, LATERAL catalog.search_walk(terms.every_word, NULL::tsquery, $7::int) d
          WHERE terms.mode = 'all')
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.search_title, d.document, 'words' AS branch
          FROM terms, catalog.search_documents d
          WHERE terms.mode <> 'all' AND d.document @@ terms.every_word
            AND ($2::text[] IS NULL OR d.kind = ANY($2::text[]))
          LIMIT $7)
       ),
       every_word AS MATERIALIZED (
         SELECT DISTINCT ON (found.kind, found.item_id) found.kind, found.item_id, found.title, found.subtitle,
           1 AS tier, ts_rank(found.document, terms.every_word)
             + CASE WHEN starts_with(found.search_title, terms.text) THEN 1 ELSE 0 END AS rank
         FROM every_word_found found, terms
         ORDER BY found.kind, found.item_id
       ),
       some_words AS MATERIALIZED (
         SELECT candidate.*, ts_rank(candidate.document, terms.any_word) AS rank
         FROM terms, LATERAL (
           (SELECT d.kind, d.item_id, d.title, d.subtitle, 2 AS tier, d.document
            FROM catalog.search_walk(terms.any_word, terms.every_word, $7::int) d
            WHERE terms.mode <> 'none' AND (SELECT count(*) FROM every_word) < $3::int + $4::int)
           UNION ALL
           (SELECT d.kind, d.item_id, d.title, d.subtitle, 2 AS tier, d.document
            FROM catalog.search_documents d
            WHERE terms.mode = 'none' AND (SELECT count(*) FROM every_word) < $3::int + $4::int
              AND d.document @@ terms.any_word AND NOT d.document @@ terms.every_word
              AND ($2::text[] IS NULL OR d.kind = ANY($2::text[]))
            LIMIT $7)
         ) AS candidate
       ),
       near_spellings AS MATERIALIZED (
         SELECT candidate.kind, candidate.item_id, candidate.title, candidate.subtitle, 3 AS tier,
           word_similarity(terms.text, candidate.search_names) AS rank
         FROM terms, LATERAL catalog.search_near(terms.text, terms.any_word, $2::text[], $7::int) AS candidate
         WHERE terms.mode <> 'all'
           AND (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words) < $3::int + $4::int
       ),
       hits AS (
         SELECT * FROM every_word
         UNION ALL SELECT kind, item_id, title, subtitle, tier, rank FROM some_words
         UNION ALL SELECT * FROM near_spellings
       )
       SELECT hits.*,
         (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words)
           + (SELECT count(*) FROM near_spellings) AS total,
         (SELECT count(*) FROM every_word_found WHERE branch = 'words') = $7::int
           OR (SELECT count(*) FROM some_words) = $7::int OR (SELECT count(*) FROM near_spellings) = $7::int
           AS capped
       FROM hits
       ORDER BY tier, rank DESC, title, item_id
       LIMIT $3 OFFSET $4`,
      [
        text,
        // Every kind: no condition at all, so no index is walked for `kind` alone.
        kinds.length === SEARCH_KINDS.length ? null : kinds,
        query.limit,
        offset,
        wordsOf(text),
        commonWords,
        candidates,
      ],
    );
    const items: SearchHitDto[] = rows.map((row) => ({
      kind: row.kind,
      id: row.item_id,
      title: row.title,
      subtitle: row.subtitle,
      rank: Math.round(Number(row.rank) * 1000) / 1000,
    }));
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
      const rows = await this.dataSource.query<{ lexeme: string }[]>(
        `SELECT element.lexeme
         FROM pg_stats stats
         JOIN pg_class class ON class.oid = 'catalog.search_documents'::regclass
         CROSS JOIN LATERAL unnest(stats.most_common_elems::text::text[], stats.most_common_elem_freqs)
           AS element(lexeme, share)
         WHERE stats.schemaname = 'catalog' AND stats.tablename = 'search_documents' AND stats.attname = 'document'
           AND element.share >= $1 AND element.share * class.reltuples >= $2`,
        [COMMON_SHARE, COMMON_WORD_DOCUMENTS],
      );
      this.commonWords = rows.map((row) => row.lexeme);
    } catch (error) {
      this.logger.warn(`common search words not read: ${String(error)}`);
    }
    this.commonWordsAt = Date.now();
  }
}
