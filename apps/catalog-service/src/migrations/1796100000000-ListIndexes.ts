import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A btree index serving a list route's sort (ties by `id`) and its equality and range filters. */
interface SortIndex {
  readonly name: string;
  readonly table: string;
  /** Key columns as SQL, ending with "id". */
  readonly keys: string;
}

/** A trigram GIN index serving a route's `search` and `ilike` filters (`ILIKE '%…%'`). */
interface TrigramIndex {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

/** Old single-column indexes that the sort indexes below start with, so they go. */
interface ReplacedIndex {
  readonly name: string;
  readonly table: string;
  readonly column: string;
}

/** One index per column: (scope, column, id). */
const sort = (table: string, prefix: string, columns: readonly string[], scope?: string): SortIndex[] =>
  columns.map((column) => ({
    name: `${prefix}_${column}_sort_idx`,
    table,
    keys: [...(scope ? [`"${scope}"`] : []), `"${column}"`, '"id"'].join(', '),
  }));

/**
 * Every allow-listed sort field of every catalog list route gets a btree on (scope, field, id): findPage
 * breaks ties by id in the direction of the last sort key, so PostgreSQL reads it forwards for `field`
 * and backwards for `-field`, with no sort step. Fields already led by a unique constraint (watches' folder and code, a listing's
 * reviewer, a user's collected watch) are left to it, and so is an item's history (item_history_item_idx
 * finds its few rows).  Searchable columns get a trigram GIN.
 */
const SORT_INDEXES: readonly SortIndex[] = [
  ...sort('coffees', 'coffees', [
    'name',
    'roaster_id',
    'country_code',
    'origin_id',
    'farmer_id',
    'process_id',
    'variety',
    'roast_level',
    'altitude_min',
    'altitude_max',
    'barcode',
    'created_at',
    'updated_at',
  ]),
  ...sort('watches', 'watches', [
    'name',
    'integrated_bracelet',
    'start_release',
    'end_release',
    'gender_id',
    'case_material_id',
    'mechanism_id',
    'factory_id',
    'brand_id',
    'created_by',
    'created_at',
    'updated_at',
  ]),
  ...sort('mechanisms', 'mechanisms', [
    'name',
    'stones',
    'start_release',
    'end_release',
    'mechanism_type_id',
    'factory_id',
    'created_by',
    'created_at',
    'updated_at',
  ]),
  ...sort('listings', 'listings', [
    'seller_id',
    'title',
    'price',
    'currency',
    'status',
    'published_at',
    'created_at',
    'updated_at',
  ]),
  ...sort('reviews', 'reviews_listing', ['rating', 'created_at', 'updated_at'], 'listing_id'),
  ...sort('products', 'products', ['name', 'price', 'currency', 'available', 'created_at', 'updated_at']),
  ...sort('categories', 'categories', ['name', 'position', 'created_at', 'updated_at']),
  ...sort('dictionary_values', 'dictionary_values_kind', ['name', 'country_code', 'created_at'], 'kind'),
  ...sort('shop_locations', 'shop_locations', ['name', 'city', 'country_code', 'position']),
  ...sort('drafts', 'drafts', [
    'subject',
    'action',
    'status',
    'target_id',
    'author_id',
    'reviewer_id',
    'created_at',
    'updated_at',
  ]),
  ...sort('collections', 'collections_user', ['created_at'], 'user_id'),
];

const TRIGRAM_INDEXES: readonly TrigramIndex[] = [
  { name: 'coffees_search_idx', table: 'coffees', columns: ['name', 'variety', 'farm'] },
  { name: 'watches_search_idx', table: 'watches', columns: ['name', 'code', 'folder'] },
  { name: 'mechanisms_search_idx', table: 'mechanisms', columns: ['name'] },
  { name: 'listings_search_idx', table: 'listings', columns: ['title', 'description'] },
  { name: 'reviews_search_idx', table: 'reviews', columns: ['text'] },
  { name: 'products_search_idx', table: 'products', columns: ['name', 'description'] },
  { name: 'categories_search_idx', table: 'categories', columns: ['name', 'description'] },
  { name: 'dictionary_values_search_idx', table: 'dictionary_values', columns: ['name'] },
  { name: 'shop_locations_search_idx', table: 'shop_locations', columns: ['name', 'address', 'city'] },
];

const REPLACED_INDEXES: readonly ReplacedIndex[] = [
  { name: 'coffees_roaster_idx', table: 'coffees', column: 'roaster_id' },
  { name: 'watches_mechanism_idx', table: 'watches', column: 'mechanism_id' },
  { name: 'watches_factory_idx', table: 'watches', column: 'factory_id' },
  { name: 'watches_brand_idx', table: 'watches', column: 'brand_id' },
  { name: 'mechanisms_type_idx', table: 'mechanisms', column: 'mechanism_type_id' },
  { name: 'mechanisms_factory_idx', table: 'mechanisms', column: 'factory_id' },
  { name: 'listings_seller_idx', table: 'listings', column: 'seller_id' },
  { name: 'reviews_listing_idx', table: 'reviews', column: 'listing_id' },
  { name: 'drafts_target_idx', table: 'drafts', column: 'target_id' },
  { name: 'drafts_author_idx', table: 'drafts', column: 'author_id' },
];

/** Indexes behind every list route's sort, filters and search (issue 14, docs/adr/0006-list-engine.md). */
export class ListIndexes1796100000000 implements MigrationInterface {
  name = 'ListIndexes1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of REPLACED_INDEXES) {
      await queryRunner.query(`DROP INDEX "catalog"."${index.name}"`);
    }
    for (const index of SORT_INDEXES) {
      await queryRunner.query(`CREATE INDEX "${index.name}" ON "catalog"."${index.table}" (${index.keys})`);
    }
    // Search's titles starting with the query (docs/adr/0009-search-top-k.md): `search_title LIKE 'text%'`.
    await queryRunner.query(
      `CREATE INDEX "search_documents_title_prefix_idx" ON "catalog"."search_documents" ("search_title" text_pattern_ops)`,
    );
    for (const index of TRIGRAM_INDEXES) {
      const columns = index.columns.map((column) => `"${column}" "catalog"."gin_trgm_ops"`).join(', ');
      await queryRunner.query(
        `CREATE INDEX "${index.name}" ON "catalog"."${index.table}" USING gin (${columns})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "catalog"."search_documents_title_prefix_idx"`);
    for (const index of [...TRIGRAM_INDEXES, ...SORT_INDEXES]) {
      await queryRunner.query(`DROP INDEX "catalog"."${index.name}"`);
    }
    for (const index of REPLACED_INDEXES) {
      await queryRunner.query(
        `CREATE INDEX "${index.name}" ON "catalog"."${index.table}" ("${index.column}")`,
      );
    }
  }
}
