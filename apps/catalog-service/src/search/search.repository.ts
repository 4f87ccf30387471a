import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '@agora/database';
import type { Language } from '@agora/http';
import type { SearchKind } from './search-index.js';

/** One ranked hit as the search statement gives it. */
export interface HitRow {
  kind: SearchKind;
  tier: number;
  item_id: string;
  title: string;
  subtitle: string | null;
  /** The title and subtitle per language, each where a translation changes it (migration Translations). */
  titles: Partial<Record<Language, { title?: string; subtitle?: string }>>;
  rank: number;
  /** Every tier's candidates together (the same on every row). */
  total: string;
  /** Whether a tier stopped at the cap, so `total` is a lower bound. */
  capped: boolean;
}

/** What one search asks of the documents. */
export interface RankRequest {
  /** The text as the client sent it (normalised in SQL). */
  readonly text: string;
  /** The kinds to search; null for every kind (no condition). */
  readonly kinds: readonly SearchKind[] | null;
  readonly limit: number;
  readonly offset: number;
  /** The text's words (at most ten), for matching any of them. */
  readonly words: readonly string[];
  /** The documents' common words (docs/adr/0009-search-top-k.md). */
  readonly commonWords: readonly string[];
  /** How many matches each tier ranks at most when it takes them from GIN (rare words, or a kind filter). */
  readonly candidates: number;
  /** How many matches a walk of common words takes (the GiST or prefix index: a sample of many). */
  readonly walkCandidates: number;
  /** Near spellings are looked for only when fewer items than this have the words (SEARCH_TYPO_THRESHOLD). */
  readonly typoThreshold: number;
}

/** The ranked top-k search, one statement (see `SearchRepository.rank`). */
const RANK_STATEMENT = `WITH normalized AS (
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
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, d.search_title, d.document, 'prefix' AS branch
          FROM terms, LATERAL catalog.search_prefix_walk(terms.text, terms.every_word, $9::int) d
          WHERE terms.mode = 'all')
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, d.search_title, d.document, 'prefix' AS branch
          FROM terms, catalog.search_documents d
          WHERE terms.mode <> 'all' AND $2::text[] IS NULL
            AND d.search_title ~>=~ terms.text AND d.search_title ~<~ (terms.text || chr(1114111))
            AND starts_with(d.search_title, terms.text) AND d.document @@ terms.every_word
          LIMIT $7)
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, d.search_title, d.document, 'prefix' AS branch
          FROM terms, LATERAL catalog.search_match(terms.every_word, NULL, terms.text, $2::text[], $7::int) d
          WHERE terms.mode <> 'all' AND $2::text[] IS NOT NULL)
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, d.search_title, d.document, 'words' AS branch
          FROM terms, LATERAL catalog.search_walk(terms.every_word, NULL::tsquery, $9::int) d
          WHERE terms.mode = 'all')
         UNION ALL
         (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, d.search_title, d.document, 'words' AS branch
          FROM terms, LATERAL catalog.search_match(terms.every_word, NULL, NULL, $2::text[], $7::int) d
          WHERE terms.mode <> 'all')
       ),
       every_word AS MATERIALIZED (
         SELECT DISTINCT ON (found.kind, found.item_id) found.kind, found.item_id, found.title, found.subtitle,
           found.titles, 1 AS tier, ts_rank(found.document, terms.every_word)
             + CASE WHEN starts_with(found.search_title, terms.text) THEN 1 ELSE 0 END AS rank
         FROM every_word_found found, terms
         ORDER BY found.kind, found.item_id
       ),
       some_words AS MATERIALIZED (
         SELECT candidate.*, ts_rank(candidate.document, terms.any_word) AS rank
         FROM terms, LATERAL (
           (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, 2 AS tier, d.document
            FROM catalog.search_walk(terms.any_word, terms.every_word, $9::int) d
            WHERE terms.mode <> 'none' AND (SELECT count(*) FROM every_word) < $3::int + $4::int)
           UNION ALL
           (SELECT d.kind, d.item_id, d.title, d.subtitle, d.titles, 2 AS tier, d.document
            FROM catalog.search_match(terms.any_word, terms.every_word, NULL, $2::text[], $7::int) d
            WHERE terms.mode = 'none' AND (SELECT count(*) FROM every_word) < $3::int + $4::int)
         ) AS candidate
       ),
       near_spellings AS MATERIALIZED (
         SELECT candidate.kind, candidate.item_id, candidate.title, candidate.subtitle, candidate.titles, 3 AS tier,
           word_similarity(terms.text, candidate.search_names) AS rank
         FROM terms, LATERAL catalog.search_near(terms.text, terms.any_word, $2::text[], $7::int) AS candidate
         WHERE terms.mode <> 'all'
           AND (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words) < $8::int
       ),
       hits AS (
         SELECT * FROM every_word
         UNION ALL SELECT kind, item_id, title, subtitle, titles, tier, rank FROM some_words
         UNION ALL SELECT * FROM near_spellings
       )
       SELECT hits.*,
         (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words)
           + (SELECT count(*) FROM near_spellings) AS total,
         (SELECT count(*) FROM every_word_found WHERE branch = 'words')
             >= (SELECT CASE WHEN mode = 'all' THEN $9::int ELSE $7::int END FROM terms)
           OR (SELECT count(*) FROM some_words) >= (SELECT CASE WHEN mode <> 'none' THEN $9::int ELSE $7::int END FROM terms)
           OR (SELECT count(*) FROM near_spellings) >= $7::int
           AS capped
       FROM hits
       ORDER BY tier, rank DESC, title, item_id
       LIMIT $3 OFFSET $4`;

/**
 * The only code that reads the search documents for a search (the writer is `SearchIndex`): the ranked top-k
 * statement and the common words PostgreSQL's statistics know.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The page of hits, ranked by tier then rank. */
  async rank(request: RankRequest): Promise<HitRow[]> {
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
    // Each tier takes at most `candidates` matches from its index (no ORDER BY: the first the index gives), a
    // walk `walkCandidates`, and ranks only those; titles starting with the text come first, so they are always
    // among tier 1's candidates. The tsqueries come from `terms`, out of the planner's sight: it picks GIN (or the walk)
    // for them whatever their statistics say. Near spellings (catalog.search_near, trigram word similarity)
    // are looked for only when fewer than `typoThreshold` items have the words (as Typesense's
    // typo_tokens_threshold), and never when every word is common: those fill the candidates by words alone.
    const { rows } = await poolOf(this.dataSource).query<HitRow>({
      // Named: each connection plans the statement once (planning it costs about as much as a cheap search).
      name: 'catalog.search.rank',
      text: RANK_STATEMENT,
      values: [
        request.text,
        request.kinds,
        request.limit,
        request.offset,
        request.words,
        request.commonWords,
        request.candidates,
        request.typoThreshold,
        request.walkCandidates,
      ],
    });
    return rows;
  }

  /**
   * The lexemes at least `minShare` of the documents and at least `minDocuments` documents hold (PostgreSQL's
   * most common elements of the tsvector and the table's row estimate, both kept by ANALYZE).
   */
  async commonWords(minShare: number, minDocuments: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ lexeme: string }[]>(
      `SELECT element.lexeme
         FROM pg_stats stats
         JOIN pg_class class ON class.oid = 'catalog.search_documents'::regclass
         CROSS JOIN LATERAL unnest(stats.most_common_elems::text::text[], stats.most_common_elem_freqs)
           AS element(lexeme, share)
         WHERE stats.schemaname = 'catalog' AND stats.tablename = 'search_documents' AND stats.attname = 'document'
           AND element.share >= $1 AND element.share * class.reltuples >= $2`,
      [minShare, minDocuments],
    );
    return rows.map((row) => row.lexeme);
  }
}
