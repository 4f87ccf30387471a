import { newId } from '@agora/database';
import type { DataSource, EntityManager } from 'typeorm';
import { WEEKDAYS } from '../info/opening-hours.js';
import { SEARCH_KINDS, SearchIndex } from '../search/search-index.js';
import * as words from './demo-vocabulary.js';

export interface SeedOptions {
  /** About how many searchable items (coffees, watches, listings) to create. */
  readonly items: number;
  /** Empties the catalog first; otherwise a catalog that has items is left alone. */
  readonly reset: boolean;
}

export interface SeedResult {
  readonly skipped: boolean;
  readonly counts: Readonly<Record<string, number>>;
}

/** The demo data's author and sellers (auth-service users are another service's; these are stand-ins). */
const SEED_USER = '00000000-0000-7000-8000-000000000001';
const SELLERS = Array.from(
  { length: 50 },
  (_, index) => `00000000-0000-7000-8000-${String(index + 100).padStart(12, '0')}`,
);

const CHUNK = 5_000;
/** Tables a reset keeps: the service's plumbing, and media ownership learnt from media-service. */
const KEPT_TABLES = ['migrations', 'outbox', 'inbox', 'media_owners'];

/** A small deterministic generator: the same seed gives the same catalog. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Column = readonly [name: string, type: string, expression?: string];

/** Inserts rows in chunks through unnest: one statement per 5 000 rows, values always bound. */
async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly Column[],
  rows: unknown[][],
) {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const aliases = columns.map((_, index) => `c${index}`);
  const selected = columns.map(
    ([, , expression], index) => expression?.replace('$', aliases[index]) ?? aliases[index],
  );
  const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await manager.query(
      `INSERT INTO catalog."${table}" (${names}) SELECT ${selected.join(', ')} FROM unnest(${unnest}) AS t(${aliases.join(', ')})`,
      columns.map((_, index) => chunk.map((row) => row[index])),
    );
  }
}

/**
 * Demo data for the embedded mode and the search benchmark: coffees from real roasters, Soviet and Swiss
 * watches with mechanisms, a coffee-shop menu, marketplace listings, shop locations; then the search index.
 */
export async function seedCatalog(dataSource: DataSource, options: SeedOptions): Promise<SeedResult> {
  return dataSource.transaction(async (manager) => {
    const [{ count }] = await manager.query<{ count: string }[]>(`SELECT count(*) FROM catalog.coffees`);
    if (Number(count) > 0 && !options.reset) {
      return { skipped: true, counts: {} };
    }
    // Every other table of the schema, so a table added later is emptied too.
    const tables = await manager.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'catalog' AND NOT (tablename = ANY($1))`,
      [KEPT_TABLES],
    );
    await manager.query(`TRUNCATE ${tables.map(({ tablename }) => `catalog."${tablename}"`).join(', ')}`);
    const next = random(20261127);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const counts: Record<string, number> = {};

    const dictionary = new Map<string, string>();
    const values: unknown[][] = [];
    const value = (kind: string, name: string, countryCode: string | null = null): void => {
      const id = newId();
      dictionary.set(`${kind}:${name}`, id);
      values.push([id, kind, name, countryCode]);
    };
    words.ROASTERS.forEach(([name, country]) => value('roasters', name, country));
    words.ORIGINS.forEach(([name, country]) => value('origins', name, country));
    words.PROCESSES.forEach((name) => value('processes', name));
    words.FARMERS.forEach((name) => value('farmers', name));
    [...words.SOVIET_BRANDS].forEach((name) => value('brands', name, 'RU'));
    [...words.SWISS_BRANDS].forEach((name) => value('brands', name, 'CH'));
    [...words.SOVIET_FACTORIES, ...words.SWISS_FACTORIES].forEach((name) => value('factories', name));
    words.CASE_MATERIALS.forEach((name) => value('case-materials', name));
    words.GENDERS.forEach((name) => value('genders', name));
    words.MECHANISM_TYPES.forEach((name) => value('mechanism-types', name));
    words.FUNCTIONS.forEach((name) => value('functions', name));
    words.LISTING_TAGS.forEach((name) => value('tags', name));
    await insertRows(
      manager,
      'dictionary_values',
      [
        ['id', 'uuid'],
        ['kind', 'text'],
        ['name', 'text'],
        ['country_code', 'text'],
      ],
      values,
    );
    counts.dictionaryValues = values.length;
    const id = (kind: string, name: string): string => dictionary.get(`${kind}:${name}`)!;

    const coffeeCount = Math.round(options.items * 0.38);
    const coffees: unknown[][] = [];
    for (let index = 0; index < coffeeCount; index += 1) {
      const [region, country, countryName] = pick(words.ORIGINS);
      const variety = pick(words.VARIETIES);
      const process = pick(words.PROCESSES);
      const altitude = 1000 + Math.floor(next() * 12) * 100;
      const notes = [pick(words.TASTING_NOTES), pick(words.TASTING_NOTES)].filter(
        (note, at, all) => all.indexOf(note) === at,
      );
      coffees.push([
        newId(),
        `${countryName} ${region} ${variety} ${process} #${index + 1}`,
        id('roasters', pick(words.ROASTERS)[0]),
        country,
        id('origins', region),
        next() < 0.5 ? id('farmers', pick(words.FARMERS)) : null,
        variety,
        id('processes', process),
        pick(words.ROAST_LEVELS),
        altitude,
        altitude + 300,
        notes.join('|'),
        SEED_USER,
        SEED_USER,
      ]);
    }
    await insertRows(
      manager,
      'coffees',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['roaster_id', 'uuid'],
        ['country_code', 'text'],
        ['origin_id', 'uuid'],
        ['farmer_id', 'uuid'],
        ['variety', 'text'],
        ['process_id', 'uuid'],
        ['roast_level', 'text'],
        ['altitude_min', 'int'],
        ['altitude_max', 'int'],
        ['tasting_notes', 'text', "string_to_array($, '|')"],
        ['created_by', 'uuid'],
        ['updated_by', 'uuid'],
      ],
      coffees,
    );
    counts.coffees = coffees.length;

    const mechanisms = words.MECHANISMS.map(([name, stones, type, factory]) => [
      newId(),
      name,
      stones,
      id('mechanism-types', words.MECHANISM_TYPES[type]),
      id('factories', factory >= 0 ? words.SOVIET_FACTORIES[factory] : words.SWISS_FACTORIES[-factory - 1]),
      SEED_USER,
      SEED_USER,
    ]);
    await insertRows(
      manager,
      'mechanisms',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['stones', 'int'],
        ['mechanism_type_id', 'uuid'],
        ['factory_id', 'uuid'],
        ['created_by', 'uuid'],
        ['updated_by', 'uuid'],
      ],
      mechanisms,
    );
    await insertRows(
      manager,
      'mechanism_functions',
      [
        ['mechanism_id', 'uuid'],
        ['function_id', 'uuid'],
      ],
      words.MECHANISMS.flatMap(([, , , , functions], index) =>
        functions.map((name) => [mechanisms[index][0], id('functions', name)]),
      ),
    );
    counts.mechanisms = mechanisms.length;

    const watchCount = Math.round(options.items * 0.36);
    const watches: unknown[][] = [];
    const aliases: unknown[][] = [];
    for (let index = 0; index < watchCount; index += 1) {
      const soviet = next() < 0.7;
      const brand = pick(soviet ? words.SOVIET_BRANDS : words.SWISS_BRANDS);
      const model = pick(soviet ? words.SOVIET_MODELS : words.SWISS_MODELS);
      const mechanismIndex = Math.floor(next() * (soviet ? 9 : 6)) + (soviet ? 0 : 9);
      const code = String(100000 + index);
      const start = soviet ? 1960 + Math.floor(next() * 30) : 1950 + Math.floor(next() * 70);
      const watchId = newId();
      watches.push([
        watchId,
        `${brand} ${model} ${code}`,
        `${soviet ? 'ussr' : 'swiss'}-${code}`,
        code,
        next() < 0.2,
        start,
        start + Math.floor(next() * 15),
        id('genders', pick(words.GENDERS)),
        id('case-materials', pick(words.CASE_MATERIALS)),
        mechanisms[mechanismIndex][0],
        id('factories', soviet ? pick(words.SOVIET_FACTORIES) : pick(words.SWISS_FACTORIES)),
        id('brands', brand),
        SEED_USER,
        SEED_USER,
      ]);
      const alias = words.MODEL_ALIASES[model];
      if (alias) {
        aliases.push([newId(), watchId, alias]);
      }
    }
    await insertRows(
      manager,
      'watches',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['folder', 'text'],
        ['code', 'text'],
        ['integrated_bracelet', 'boolean'],
        ['start_release', 'int'],
        ['end_release', 'int'],
        ['gender_id', 'uuid'],
        ['case_material_id', 'uuid'],
        ['mechanism_id', 'uuid'],
        ['factory_id', 'uuid'],
        ['brand_id', 'uuid'],
        ['created_by', 'uuid'],
        ['updated_by', 'uuid'],
      ],
      watches,
    );
    await insertRows(
      manager,
      'watch_aliases',
      [
        ['id', 'uuid'],
        ['watch_id', 'uuid'],
        ['key', 'text'],
      ],
      aliases,
    );
    counts.watches = watches.length;

    const categories: unknown[][] = [];
    const products: unknown[][] = [];
    const links: unknown[][] = [];
    words.MENU.forEach(([category, items], position) => {
      const categoryId = newId();
      categories.push([categoryId, category, (position + 1) * 10]);
      for (const [name, price] of items) {
        const productId = newId();
        products.push([productId, name, price, 'RUB', SEED_USER, SEED_USER]);
        links.push([productId, categoryId]);
      }
    });
    await insertRows(
      manager,
      'categories',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['position', 'int'],
      ],
      categories,
    );
    await insertRows(
      manager,
      'products',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['price', 'numeric'],
        ['currency', 'text'],
        ['created_by', 'uuid'],
        ['updated_by', 'uuid'],
      ],
      products,
    );
    await insertRows(
      manager,
      'product_categories',
      [
        ['product_id', 'uuid'],
        ['category_id', 'uuid'],
      ],
      links,
    );
    counts.products = products.length;

    const listingCount = options.items - coffeeCount - watchCount;
    const listings: unknown[][] = [];
    const listingTags: unknown[][] = [];
    for (let index = 0; index < listingCount; index += 1) {
      const watch = next() < 0.75;
      const listingId = newId();
      const source = watch
        ? watches[Math.floor(next() * watches.length)]
        : coffees[Math.floor(next() * coffees.length)];
      const title = watch
        ? `${String(source[1])}, ${String(source[5])} г.`
        : `Зерно ${String(source[1])}, 1 кг`;
      const status = next() < 0.8 ? 'active' : pick(['sold', 'draft', 'archived']);
      const characteristics = watch
        ? [
            { key: 'Состояние', type: 'string', value: pick(['отличное', 'хорошее', 'на запчасти']) },
            { key: 'Диаметр, мм', type: 'number', value: 34 + Math.floor(next() * 10) },
            { key: 'Коробка и документы', type: 'boolean', value: next() < 0.3 },
          ]
        : [{ key: 'Обжарка', type: 'string', value: pick(words.ROAST_LEVELS) }];
      listings.push([
        listingId,
        pick(SELLERS),
        title,
        watch ? 'Ходят, точность в норме. Отправлю почтой.' : 'Свежая обжарка, вскрытая упаковка.',
        String(watch ? 1500 + Math.floor(next() * 60) * 500 : 900 + Math.floor(next() * 30) * 50),
        'RUB',
        status,
        JSON.stringify(characteristics),
        status === 'draft' ? null : new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 3e10)).toISOString(),
      ]);
      const tags = watch
        ? ['часы', next() < 0.7 ? 'ссср' : 'швейцария', pick(['винтаж', 'дайверы', 'хронограф', 'подарок'])]
        : ['кофе', 'зерно'];
      tags.forEach((tag) => listingTags.push([listingId, id('tags', tag)]));
    }
    await insertRows(
      manager,
      'listings',
      [
        ['id', 'uuid'],
        ['seller_id', 'uuid'],
        ['title', 'text'],
        ['description', 'text'],
        ['price', 'numeric'],
        ['currency', 'text'],
        ['status', 'text'],
        ['characteristics', 'text', '$::jsonb'],
        ['published_at', 'timestamptz'],
      ],
      listings,
    );
    await insertRows(
      manager,
      'listing_tags',
      [
        ['listing_id', 'uuid'],
        ['tag_id', 'uuid'],
      ],
      listingTags,
    );
    counts.listings = listings.length;

    await insertRows(
      manager,
      'shop_locations',
      [
        ['id', 'uuid'],
        ['name', 'text'],
        ['address', 'text'],
        ['city', 'text'],
        ['country_code', 'text'],
        ['latitude', 'float8'],
        ['longitude', 'float8'],
        ['time_zone', 'text'],
        ['opening_hours', 'text', '$::jsonb'],
        ['position', 'int'],
      ],
      words.LOCATIONS.map((location, position) => [
        newId(),
        location.name,
        location.address,
        location.city,
        location.countryCode,
        location.latitude,
        location.longitude,
        location.timeZone,
        JSON.stringify(
          Object.fromEntries(
            WEEKDAYS.map((day, index) => {
              const [opens, closes] = index < 5 ? location.weekdays : location.weekend;
              return [day, [{ opens, closes }]];
            }),
          ),
        ),
        position,
      ]),
    );
    await manager.query(
      `INSERT INTO catalog.shop_profile (id, name, description, website) VALUES ($1, $2, $3, $4)`,
      [newId(), 'Agora Coffee', 'Кофейня на вынос и маркетплейс для коллекционеров', 'https://agora.example'],
    );

    const search = new SearchIndex();
    for (const kind of SEARCH_KINDS) {
      await search.rebuild(manager, kind);
    }
    await manager.query(`ANALYZE catalog.search_documents`);
    return { skipped: false, counts };
  });
}
