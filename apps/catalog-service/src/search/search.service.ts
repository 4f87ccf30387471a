import { ProblemException } from '@agora/http';
import type { ParsedFilter, ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SEARCH_KINDS, type SearchKind } from './search-index.js';
import type { SearchHitDto, SearchPageDto } from './search.dto.js';

/** How alike a word of the text must be to the query for a typo to match (pg_trgm word similarity). */
const TYPO_THRESHOLD = '0.4';

interface HitRow {
  kind: SearchKind;
  tier: number;
  item_id: string;
  title: string;
  subtitle: string | null;
  rank: number;
  total: string;
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
      throw new ProblemException(400, {
        code: 'INVALID_LIST_QUERY',
        detail: 'filter[kind] takes eq, ne or in over coffee, watch, product, listing',
        errors: [
          { field: `filter[kind][${filter.operator}]`, messages: [`kinds: ${SEARCH_KINDS.join(', ')}`] },
        ],
      });
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
  constructor(private readonly dataSource: DataSource) {}

  async search(text: string, query: ParsedListQuery): Promise<SearchPageDto> {
    const kinds = kindsOf(query.filters);
    const offset = (query.page - 1) * query.limit;
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        TYPO_THRESHOLD,
      ]);
      return manager.query<HitRow[]>(
        `WITH terms AS (
           SELECT catalog.search_normalize($1) AS text,
             websearch_to_tsquery('simple', catalog.search_normalize($1))
               || websearch_to_tsquery('russian', catalog.search_normalize($1)) AS every_word,
             to_tsquery('simple', any_word) || to_tsquery('russian', any_word) AS any_word
           FROM (SELECT coalesce(string_agg(format('%L', word), ' | '), '') AS any_word
                 FROM unnest($5::text[]) AS word) AS words
         ),
         every_word AS MATERIALIZED (
           SELECT d.kind, d.item_id, d.title, d.subtitle, 1 AS tier,
             ts_rank(d.document, terms.every_word)
               + CASE WHEN starts_with(d.search_title, terms.text) THEN 1 ELSE 0 END AS rank
           FROM catalog.search_documents d, terms
           WHERE d.document @@ terms.every_word AND d.kind = ANY($2::text[])
         ),
         some_words AS MATERIALIZED (
           SELECT d.kind, d.item_id, d.title, d.subtitle, 2 AS tier, ts_rank(d.document, terms.any_word) AS rank
           FROM catalog.search_documents d, terms
           WHERE (SELECT count(*) FROM every_word) < $3::int + $4::int
             AND d.document @@ terms.any_word AND NOT d.document @@ terms.every_word AND d.kind = ANY($2::text[])
         ),
         near_spellings AS MATERIALIZED (
           SELECT d.kind, d.item_id, d.title, d.subtitle, 3 AS tier, word_similarity(terms.text, d.search_names) AS rank
           FROM catalog.search_documents d, terms
           WHERE (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words) < $3::int + $4::int
             AND terms.text <% d.search_names AND NOT d.document @@ terms.any_word AND d.kind = ANY($2::text[])
         ),
         hits AS (SELECT * FROM every_word UNION ALL SELECT * FROM some_words UNION ALL SELECT * FROM near_spellings)
         SELECT hits.*,
           (SELECT count(*) FROM every_word) + (SELECT count(*) FROM some_words)
             + (SELECT count(*) FROM near_spellings) AS total
         FROM hits
         ORDER BY tier, rank DESC, title, item_id
         LIMIT $3 OFFSET $4`,
        [text, kinds, query.limit, offset, wordsOf(text)],
      );
    });
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
      totalExact: true,
      page: query.page,
      limit: query.limit,
      nextCursor: null,
    };
  }
}
