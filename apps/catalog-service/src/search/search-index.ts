import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SearchResultCache } from './search-cache.js';

/** The kinds of items the first level of search covers. */
export const SEARCH_KINDS = ['coffee', 'watch', 'product', 'listing'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const isSearchKind = (kind: string): kind is SearchKind =>
  (SEARCH_KINDS as readonly string[]).includes(kind);

/**
 * Each kind's document: `item_id`, the `title` and `subtitle` shown in results (and their `titles` per
 * language, where translations change them), the `names` a typo is matched against (title, aliases, roaster,
 * brand, in every language they are translated into), and the `body` searched by words (names, notes, tags,
 * descriptions…, translations too). Only public listings are searchable.
 */
const SOURCES: Readonly<Record<SearchKind, string>> = {
  coffee: `
    SELECT coffee.id AS item_id, coffee.name AS title, roaster.name AS subtitle,
      catalog.search_titles(coffee.name, coffee.language, coffee.translations,
        roaster.name, roaster.language, roaster.translations) AS titles,
      concat_ws(' ', original.names, catalog.new_words(original.names, translated.names)) AS names,
      concat_ws(' ', original.body, catalog.new_words(original.body, translated.body)) AS body
    FROM catalog.coffees coffee
    JOIN catalog.dictionary_values roaster ON roaster.id = coffee.roaster_id
    LEFT JOIN catalog.dictionary_values origin ON origin.id = coffee.origin_id
    LEFT JOIN catalog.dictionary_values farmer ON farmer.id = coffee.farmer_id
    LEFT JOIN catalog.dictionary_values process ON process.id = coffee.process_id
    CROSS JOIN LATERAL (SELECT
      concat_ws(' ', coffee.name, roaster.name, origin.name, farmer.name) AS names,
      concat_ws(' ', coffee.name, roaster.name, origin.name, farmer.name, process.name, coffee.farm,
        coffee.variety, coffee.country_code, array_to_string(coffee.tasting_notes, ' ')) AS body) AS original
    CROSS JOIN LATERAL (SELECT
      concat_ws(' ', catalog.translated_names(coffee.translations), catalog.translated_names(roaster.translations),
        catalog.translated_names(origin.translations), catalog.translated_names(farmer.translations)) AS names,
      concat_ws(' ', catalog.translated_texts(coffee.translations), catalog.translated_names(roaster.translations),
        catalog.translated_names(origin.translations), catalog.translated_names(farmer.translations),
        catalog.translated_names(process.translations)) AS body) AS translated`,
  watch: `
    SELECT watch.id AS item_id, watch.name AS title, brand.name AS subtitle,
      catalog.search_titles(watch.name, watch.language, watch.translations,
        brand.name, brand.language, brand.translations) AS titles,
      concat_ws(' ', original.names, catalog.new_words(original.names, translated.names)) AS names,
      concat_ws(' ', original.body, catalog.new_words(original.body, translated.body)) AS body
    FROM catalog.watches watch
    LEFT JOIN catalog.dictionary_values brand ON brand.id = watch.brand_id
    LEFT JOIN catalog.dictionary_values factory ON factory.id = watch.factory_id
    LEFT JOIN catalog.mechanisms mechanism ON mechanism.id = watch.mechanism_id
    CROSS JOIN LATERAL (SELECT string_agg(alias.key, ' ') AS keys
      FROM catalog.watch_aliases alias WHERE alias.watch_id = watch.id) AS aliases
    CROSS JOIN LATERAL (SELECT
      concat_ws(' ', watch.name, brand.name, watch.code, aliases.keys) AS names,
      concat_ws(' ', watch.name, brand.name, factory.name, watch.code, watch.folder, mechanism.name,
        aliases.keys) AS body) AS original
    CROSS JOIN LATERAL (SELECT
      concat_ws(' ', catalog.translated_names(watch.translations), catalog.translated_names(brand.translations))
        AS names,
      concat_ws(' ', catalog.translated_texts(watch.translations), catalog.translated_names(brand.translations),
        catalog.translated_names(factory.translations), catalog.translated_names(mechanism.translations))
        AS body) AS translated`,
  product: `
    SELECT product.id AS item_id, product.name AS title,
      (SELECT string_agg(category.name, ', ' ORDER BY category.position) FROM catalog.product_categories link
        JOIN catalog.categories category ON category.id = link.category_id WHERE link.product_id = product.id) AS subtitle,
      '{}'::jsonb AS titles,
      product.name AS names,
      concat_ws(' ', product.name, product.description,
        (SELECT string_agg(category.name, ' ') FROM catalog.product_categories link
          JOIN catalog.categories category ON category.id = link.category_id WHERE link.product_id = product.id)) AS body
    FROM catalog.products product`,
  listing: `
    SELECT listing.id AS item_id, listing.title AS title, listing.price || ' ' || listing.currency AS subtitle,
      '{}'::jsonb AS titles,
      listing.title AS names,
      concat_ws(' ', listing.title, listing.description,
        (SELECT string_agg(concat_ws(' ', tag.name, catalog.new_words(tag.name, catalog.translated_names(tag.translations))), ' ')
          FROM catalog.listing_tags link
          JOIN catalog.dictionary_values tag ON tag.id = link.tag_id WHERE link.listing_id = listing.id)) AS body
    FROM catalog.listings listing
    WHERE listing.status IN ('active', 'sold')`,
};

/** Items whose documents show a dictionary value, a mechanism or a category: refreshed when it changes. */
const DEPENDENTS = {
  dictionaryValue: [
    ['coffee', `SELECT id FROM catalog.coffees WHERE $1 IN (roaster_id, origin_id, farmer_id, process_id)`],
    ['watch', `SELECT id FROM catalog.watches WHERE $1 IN (brand_id, factory_id)`],
    ['listing', `SELECT listing_id FROM catalog.listing_tags WHERE tag_id = $1`],
  ],
  mechanism: [['watch', `SELECT id FROM catalog.watches WHERE mechanism_id = $1`]],
  category: [['product', `SELECT product_id FROM catalog.product_categories WHERE category_id = $1`]],
} as const satisfies Record<string, readonly (readonly [SearchKind, string])[]>;

export type SearchDependency = keyof typeof DEPENDENTS;

/**
 * Keeps `search_documents` in step with the items, inside the caller's transaction: a change and its
 * searchability commit together.
 */
@Injectable()
export class SearchIndex {
  /** Without the cache (the offline seed), nothing serves pages from memory to forget. */
  constructor(@Optional() private readonly cache?: SearchResultCache) {}

  /** Rewrites the documents of these items from their rows (removing those gone or no longer public). */
  async refresh(manager: EntityManager, kind: SearchKind, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) {
      await this.rewrite(manager, kind, 'item_id = ANY($1::uuid[])', [ids]);
    }
  }

  /** Rewrites the documents showing this dictionary value, mechanism or category. */
  async refreshDependents(manager: EntityManager, dependency: SearchDependency, id: string): Promise<void> {
    for (const [kind, dependents] of DEPENDENTS[dependency]) {
      await this.rewrite(manager, kind, `item_id IN (${dependents})`, [id]);
    }
  }

  /** Rebuilds every document of a kind (after a bulk load). */
  async rebuild(manager: EntityManager, kind: SearchKind): Promise<void> {
    await this.rewrite(manager, kind, 'true', []);
  }

  private async rewrite(
    manager: EntityManager,
    kind: SearchKind,
    where: string,
    params: unknown[],
  ): Promise<void> {
    const kindParam = `$${params.length + 1}`;
    await manager.query(`DELETE FROM catalog.search_documents WHERE kind = ${kindParam} AND ${where}`, [
      ...params,
      kind,
    ]);
    await manager.query(
      `INSERT INTO catalog.search_documents
         (kind, item_id, title, subtitle, titles, search_title, search_names, search_text)
       SELECT ${kindParam}, source.item_id, source.title, source.subtitle, source.titles,
              catalog.search_normalize(source.title),
              catalog.search_normalize(source.names), catalog.search_normalize(source.body)
       FROM (${SOURCES[kind]}) AS source
       WHERE ${where}
       -- A concurrent rewrite (a rename while the item changes) may have put the row back meanwhile.
       ON CONFLICT (kind, item_id) DO UPDATE SET title = EXCLUDED.title, subtitle = EXCLUDED.subtitle,
         titles = EXCLUDED.titles,
         search_title = EXCLUDED.search_title, search_names = EXCLUDED.search_names,
         search_text = EXCLUDED.search_text, updated_at = now()`,
      [...params, kind],
    );
    this.cache?.wrote(manager);
  }
}
