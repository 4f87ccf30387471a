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
  item_id: string;
  title: string;
  subtitle: string | null;
  rank: number;
  total: string;
}

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
 * aliases, roasters and brands, in Russian and English, accents and ё folded, tolerant of typos; the
 * second level is each kind's list route with its precise filters.
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
        `WITH input AS (SELECT catalog.search_normalize($1) AS text),
         terms AS (
           SELECT input.text,
             websearch_to_tsquery('simple', input.text) || websearch_to_tsquery('russian', input.text)
               || websearch_to_tsquery('english', input.text) AS query
           FROM input
         ),
         hits AS (
           SELECT d.kind, d.item_id, d.title, d.subtitle,
             ts_rank(d.document, terms.query) + word_similarity(terms.text, d.search_text)
               + CASE WHEN starts_with(d.search_title, terms.text) THEN 1 ELSE 0 END AS rank
           FROM catalog.search_documents d, terms
           WHERE d.kind = ANY($2::text[]) AND (d.document @@ terms.query OR terms.text <% d.search_text)
         )
         SELECT hits.*, count(*) OVER () AS total FROM hits
         ORDER BY rank DESC, title, item_id
         LIMIT $3 OFFSET $4`,
        [text, kinds, query.limit, offset],
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
      page: query.page,
      limit: query.limit,
      nextCursor: null,
    };
  }
}
