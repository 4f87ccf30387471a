import { newId } from '@agora/database';
import * as words from './demo-vocabulary.js';
import { SEED_USER, type SeedContext } from './seed-context.js';

export interface SeededWatch {
  readonly name: string;
  readonly startRelease: number;
}

/** Soviet and Swiss calibres (seed 002) with their types, factories and functions; returns their ids. */
export async function seedMechanisms(seed: SeedContext): Promise<string[]> {
  const rows = words.MECHANISMS.map(([name, stones, type, factory]) => [
    newId(),
    name,
    stones,
    seed.id('mechanism-types', words.MECHANISM_TYPES[type]),
    seed.id(
      'factories',
      factory >= 0 ? words.SOVIET_FACTORIES[factory] : words.SWISS_FACTORIES[-factory - 1],
    ),
    SEED_USER,
    SEED_USER,
  ]);
  await seed.insert(
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
    rows,
  );
  await seed.insert(
    'mechanism_functions',
    [
      ['mechanism_id', 'uuid'],
      ['function_id', 'uuid'],
    ],
    words.MECHANISMS.flatMap(([, , , , functions], index) =>
      functions.map((name) => [rows[index][0], seed.id('functions', name)]),
    ),
  );
  seed.counts.mechanisms = rows.length;
  return rows.map((row) => row[0] as string);
}

/** Soviet and Swiss watches (seed 002) on the seeded mechanisms, with aliases of well-known models. */
export async function seedWatches(
  seed: SeedContext,
  count: number,
  mechanisms: readonly string[],
): Promise<SeededWatch[]> {
  const rows: unknown[][] = [];
  const aliases: unknown[][] = [];
  for (let index = 0; index < count; index += 1) {
    const soviet = seed.next() < 0.7;
    const brand = seed.pick(soviet ? words.SOVIET_BRANDS : words.SWISS_BRANDS);
    const model = seed.pick(soviet ? words.SOVIET_MODELS : words.SWISS_MODELS);
    const mechanismIndex = Math.floor(seed.next() * (soviet ? 9 : 6)) + (soviet ? 0 : 9);
    const code = String(100000 + index);
    const start = soviet ? 1960 + Math.floor(seed.next() * 30) : 1950 + Math.floor(seed.next() * 70);
    const watchId = newId();
    rows.push([
      watchId,
      `${brand} ${model} ${code}`,
      `${soviet ? 'ussr' : 'swiss'}-${code}`,
      code,
      seed.next() < 0.2,
      start,
      start + Math.floor(seed.next() * 15),
      seed.id('genders', seed.pick(words.GENDERS)),
      seed.id('case-materials', seed.pick(words.CASE_MATERIALS)),
      mechanisms[mechanismIndex],
      seed.id('factories', soviet ? seed.pick(words.SOVIET_FACTORIES) : seed.pick(words.SWISS_FACTORIES)),
      seed.id('brands', brand),
      SEED_USER,
      SEED_USER,
    ]);
    const alias = words.MODEL_ALIASES[model];
    if (alias) {
      aliases.push([newId(), watchId, alias]);
    }
  }
  await seed.insert(
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
    rows,
  );
  await seed.insert(
    'watch_aliases',
    [
      ['id', 'uuid'],
      ['watch_id', 'uuid'],
      ['key', 'text'],
    ],
    aliases,
  );
  seed.counts.watches = rows.length;
  return rows.map((row) => ({ name: row[1] as string, startRelease: row[5] as number }));
}
