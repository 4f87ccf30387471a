// The bare limit of `GET /coffees`: node:http and pg, no framework, answering the two list queries the bench
// sends with the same JSON catalog-service gives (items with their dictionaries, the total counted up to
// 10,000, the keyset cursor), from the same database and indexes.
// `node dist/bench/bare-server.js` with BENCH_DATABASE_URL and BENCH_PORT.
import { loadConfig, processEnvironment } from '@agora/config';
import { encodeCursor, type ParsedSort } from '@agora/list-query';
import { Type } from 'class-transformer';
import { IsInt, IsUrl } from 'class-validator';
import http from 'node:http';
import pg from 'pg';

class BareConfig {
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  BENCH_DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  BENCH_PORT = 18091;
}

const config = loadConfig(BareConfig, processEnvironment());
const pool = new pg.Pool({ connectionString: config.BENCH_DATABASE_URL, max: 10 });
const TOTAL_CAP = 10_000;
const RATING_MIN_COUNT = 10;
const SORT: ParsedSort[] = [{ field: 'createdAt', direction: 'DESC' }];

/** Names in other languages, as catalog stores them (JSONB); answered as stored when no language is asked for. */
type Translations = Record<string, Record<string, string>>;

interface Row {
  id: string;
  name: string;
  language: string;
  translations: Translations;
  country_code: string | null;
  farm: string | null;
  variety: string | null;
  roast_level: string | null;
  altitude_min: number | null;
  altitude_max: number | null;
  tasting_notes: string[];
  barcode: string | null;
  rating_count: number;
  rating_weight: number;
  rating_weighted_sum: number;
  rating_distribution: number[];
  version: number;
  created_at: Date;
  updated_at: Date;
  created_key: string;
  roaster_id: string;
  roaster_name: string;
  roaster_language: string;
  roaster_translations: Translations;
  origin_id: string | null;
  origin_name: string | null;
  origin_language: string | null;
  origin_translations: Translations | null;
  farmer_id: string | null;
  farmer_name: string | null;
  farmer_language: string | null;
  farmer_translations: Translations | null;
  process_id: string | null;
  process_name: string | null;
  process_language: string | null;
  process_translations: Translations | null;
}

/** A translatable object as catalog answers it without `?lang=`: its own name, language and translations. */
const translatable = (name: string, language: string, translations: Translations) => ({
  name,
  description: null,
  language,
  originalLanguage: language,
  translations,
});
const ref = (
  id: string | null,
  name: string | null,
  language: string | null,
  translations: Translations | null,
) => (id && name && language && translations ? { id, ...translatable(name, language, translations) } : null);

async function coffees(params: URLSearchParams): Promise<unknown> {
  const limit = Math.min(Number(params.get('limit') ?? 20), 100);
  const where: string[] = [];
  const values: unknown[] = [];
  const roastLevel = params.get('filter[roastLevel]');
  if (roastLevel) {
    values.push(roastLevel);
    where.push(`c.roast_level = $${values.length}`);
  }
  const countryCode = params.get('filter[countryCode]');
  if (countryCode) {
    values.push(countryCode);
    where.push(`c.country_code = $${values.length}`);
  }
  const search = params.get('search');
  if (search) {
    values.push(`%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    const p = `$${values.length}`;
    where.push(`(c.name ILIKE ${p} OR c.variety ILIKE ${p} OR c.farm ILIKE ${p})`);
  }
  const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [page, count] = await Promise.all([
    pool.query<Row>(
      `SELECT c.id, c.name, c.language, c.translations, c.country_code, c.farm, c.variety, c.roast_level, c.altitude_min, c.altitude_max,
              c.tasting_notes, c.barcode, c.rating_count, c.rating_weight,
              c.rating_weighted_sum, c.rating_distribution, c.version, c.created_at, c.updated_at, c.created_at::text AS created_key,
              r.id AS roaster_id, r.name AS roaster_name, r.language AS roaster_language,
              r.translations AS roaster_translations, o.id AS origin_id, o.name AS origin_name,
              o.language AS origin_language, o.translations AS origin_translations, f.id AS farmer_id,
              f.name AS farmer_name, f.language AS farmer_language, f.translations AS farmer_translations,
              p.id AS process_id, p.name AS process_name, p.language AS process_language,
              p.translations AS process_translations
       FROM (SELECT * FROM catalog.coffees c ${condition} ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}) c
       JOIN catalog.dictionary_values r ON r.id = c.roaster_id
       LEFT JOIN catalog.dictionary_values o ON o.id = c.origin_id
       LEFT JOIN catalog.dictionary_values f ON f.id = c.farmer_id
       LEFT JOIN catalog.dictionary_values p ON p.id = c.process_id
       ORDER BY c.created_at DESC, c.id DESC`,
      values,
    ),
    pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM (SELECT 1 FROM catalog.coffees c ${condition} LIMIT ${TOTAL_CAP + 1}) m`,
      values,
    ),
  ]);
  const rows = page.rows.slice(0, limit);
  const total = Number(count.rows[0].count);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({
      id: row.id,
      ...translatable(row.name, row.language, row.translations),
      roaster: {
        id: row.roaster_id,
        ...translatable(row.roaster_name, row.roaster_language, row.roaster_translations),
      },
      countryCode: row.country_code,
      origin: ref(row.origin_id, row.origin_name, row.origin_language, row.origin_translations),
      farm: row.farm,
      farmer: ref(row.farmer_id, row.farmer_name, row.farmer_language, row.farmer_translations),
      variety: row.variety,
      process: ref(row.process_id, row.process_name, row.process_language, row.process_translations),
      roastLevel: row.roast_level,
      altitudeMin: row.altitude_min,
      altitudeMax: row.altitude_max,
      tastingNotes: row.tasting_notes,
      barcode: row.barcode,
      rating: {
        count: row.rating_count,
        // As catalog answers it: the weighted mean in stars (ratings are kept in quarter stars), two decimals,
        // from RATING_MIN_COUNT (10) ratings on.
        average:
          row.rating_count >= RATING_MIN_COUNT
            ? Math.round((row.rating_weighted_sum / 4 / row.rating_weight) * 100) / 100
            : null,
        distribution: row.rating_distribution.map((count, index) => ({ stars: (index + 1) / 2, count })),
      },
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
    total: Math.min(total, TOTAL_CAP),
    totalExact: total <= TOTAL_CAP,
    page: 1,
    limit,
    nextCursor: page.rows.length > limit && last ? encodeCursor(SORT, [last.created_key, last.id]) : null,
  };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  if (req.method !== 'GET' || !/^(\/api)?\/coffees$/.test(url.pathname)) {
    res.writeHead(404).end();
    return;
  }
  coffees(url.searchParams).then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(config.BENCH_PORT, '127.0.0.1', () => console.log(`bare server on ${config.BENCH_PORT}`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
