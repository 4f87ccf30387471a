// The bench's data, by bulk SQL (generate_series): a million catalog items in the proportions of
// `npm run seed -- --items=1000000` (38 % coffees, 36 % watches, 26 % listings), their search documents,
// and 100k users with profiles. Written straight into the service schemas the platform migrated.

export interface SeedSizes {
  readonly items: number;
  readonly users: number;
}

const words = (list: readonly string[]): string => `ARRAY[${list.map((word) => `'${word}'`).join(', ')}]`;

const ORIGINS = ['Эфиопия', 'Колумбия', 'Кения', 'Бразилия', 'Гватемала', 'Руанда', 'Перу', 'Индонезия'];
const REGIONS = [
  'Иргачефф',
  'Хуила',
  'Ньери',
  'Серрадо',
  'Антигуа',
  'Нью-Мейсон',
  'Каха',
  'Суматра',
  'Сидамо',
];
const VARIETIES = ['Heirloom', 'Caturra', 'SL28', 'Bourbon', 'Typica', 'Geisha', 'Pacamara'];
const MODELS = ['Амфибия', 'Командирские', 'Альбатрос', 'Полет', 'Слава', 'Ракета', 'Спутник', 'Луч'];
const LISTING_WORDS = ['часы', 'СССР', 'хронограф', 'браслет', 'ремешок', 'кофемолка', 'турка', 'винтаж'];

/** Statements in order; each is one INSERT … SELECT over generate_series. */
export function seedStatements({ items, users }: SeedSizes): string[] {
  const coffees = Math.round(items * 0.38);
  const watches = Math.round(items * 0.36);
  const listings = items - coffees - watches;
  return [
    `INSERT INTO auth.users (id, email, login, password_hash, verified, role, created_at, updated_at)
     SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, 'bench' || n || '@example.com',
            'bench' || n, '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$bench', true,
            CASE WHEN n % 10 = 0 THEN 'seller' ELSE 'user' END,
            now() - n * interval '1 minute', now() - n * interval '1 minute'
     FROM generate_series(1, ${users}) n`,
    `INSERT INTO social.profiles (id, login, display_name, created_at, updated_at)
     SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, 'bench' || n, 'Bench User ' || n,
            now() - n * interval '1 minute', now() - n * interval '1 minute'
     FROM generate_series(1, ${users}) n`,
    `INSERT INTO catalog.dictionary_values (id, kind, name, country_code)
     SELECT gen_random_uuid(), kind, initcap(kind) || ' ' || n, NULL
     FROM (VALUES ('roasters', 2000), ('origins', 200), ('farmers', 1000), ('processes', 20), ('brands', 300))
       AS kinds(kind, count), generate_series(1, count) n`,
    `CREATE TEMP TABLE bench_dictionary AS
     SELECT kind, row_number() OVER (PARTITION BY kind ORDER BY id) - 1 AS n, id, name
     FROM catalog.dictionary_values`,
    `CREATE INDEX ON bench_dictionary (kind, n)`,
    `INSERT INTO catalog.coffees (id, created_at, updated_at, name, roaster_id, country_code, origin_id, farm,
       farmer_id, variety, process_id, roast_level, altitude_min, altitude_max, tasting_notes, barcode,
       created_by, updated_by)
     SELECT gen_random_uuid(), now() - n * interval '7 seconds', now() - n * interval '7 seconds',
            (${words(ORIGINS)})[1 + n % 8] || ' ' || (${words(REGIONS)})[1 + n % 9] || ' ' || n,
            (SELECT id FROM bench_dictionary WHERE kind = 'roasters' AND bench_dictionary.n = s.n % 2000),
            (ARRAY['ET', 'CO', 'KE', 'BR', 'GT'])[1 + n % 5],
            (SELECT id FROM bench_dictionary WHERE kind = 'origins' AND bench_dictionary.n = s.n % 200),
            'Farm ' || n % 5000,
            (SELECT id FROM bench_dictionary WHERE kind = 'farmers' AND bench_dictionary.n = s.n % 1000),
            (${words(VARIETIES)})[1 + n % 7],
            (SELECT id FROM bench_dictionary WHERE kind = 'processes' AND bench_dictionary.n = s.n % 20),
            (ARRAY['light', 'medium-light', 'medium', 'medium-dark', 'dark', 'omni'])[1 + n % 6],
            1000 + n % 800, 1800 + n % 800, ARRAY['бергамот', 'шоколад'], lpad(n::text, 13, '0'),
            '00000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000001'
     FROM generate_series(1, ${coffees}) AS s(n)`,
    `INSERT INTO catalog.watches (id, created_at, updated_at, name, folder, code, integrated_bracelet,
       start_release, end_release, brand_id, created_by, updated_by)
     SELECT gen_random_uuid(), now() - n * interval '7 seconds', now() - n * interval '7 seconds',
            'Восток ' || (${words(MODELS)})[1 + n % 8] || ' ' || (100000 + n), 'bench-' || n, 'B' || n, n % 4 = 0,
            1960 + n % 40, 2000 + n % 20,
            (SELECT id FROM bench_dictionary WHERE kind = 'brands' AND bench_dictionary.n = s.n % 300),
            '00000000-0000-4000-a000-000000000001', '00000000-0000-4000-a000-000000000001'
     FROM generate_series(1, ${watches}) AS s(n)`,
    `INSERT INTO catalog.listings (id, created_at, updated_at, seller_id, title, description, price, currency,
       status, published_at)
     SELECT gen_random_uuid(), now() - n * interval '7 seconds', now() - n * interval '7 seconds',
            ('00000000-0000-4000-a000-' || lpad(to_hex(10 * (1 + n % ${Math.max(1, Math.floor(users / 10))})), 12, '0'))::uuid,
            initcap((${words(LISTING_WORDS)})[1 + n % 8]) || ' ' || (${words(MODELS)})[1 + n % 8] || ' №' || n,
            'Состояние хорошее, ' || (${words(LISTING_WORDS)})[1 + (n / 8) % 8], 100 + n % 50000,
            (ARRAY['RUB', 'USD'])[1 + n % 2], CASE WHEN n % 10 = 0 THEN 'draft' ELSE 'active' END,
            now() - n * interval '7 seconds'
     FROM generate_series(1, ${listings}) AS s(n)`,
    // Documents as SearchIndex writes them: normalised title, names (a typo's target) and text.
    `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
     SELECT 'coffee', c.id, c.name, r.name, catalog.search_normalize(c.name),
            catalog.search_normalize(concat_ws(' ', c.name, r.name)),
            catalog.search_normalize(concat_ws(' ', c.name, r.name, c.farm, c.variety, c.country_code,
              array_to_string(c.tasting_notes, ' ')))
     FROM catalog.coffees c JOIN catalog.dictionary_values r ON r.id = c.roaster_id`,
    `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
     SELECT 'watch', w.id, w.name, b.name, catalog.search_normalize(w.name),
            catalog.search_normalize(concat_ws(' ', w.name, b.name, w.code)),
            catalog.search_normalize(concat_ws(' ', w.name, b.name, w.code, w.folder))
     FROM catalog.watches w LEFT JOIN catalog.dictionary_values b ON b.id = w.brand_id`,
    `INSERT INTO catalog.search_documents (kind, item_id, title, subtitle, search_title, search_names, search_text)
     SELECT 'listing', l.id, l.title, l.price || ' ' || l.currency, catalog.search_normalize(l.title),
            catalog.search_normalize(l.title), catalog.search_normalize(concat_ws(' ', l.title, l.description))
     FROM catalog.listings l WHERE l.status = 'active'`,
  ];
}
