import { newId } from '@agora/database';
import * as words from './demo-vocabulary.js';
import { SEED_USER, type SeedContext } from './seed-context.js';

export interface SeededCoffee {
  readonly name: string;
}

/** Coffees from real roasters and origins (seed 000), with altitudes and tasting notes. */
export async function seedCoffees(seed: SeedContext, count: number): Promise<SeededCoffee[]> {
  const rows: unknown[][] = [];
  for (let index = 0; index < count; index += 1) {
    const [region, country, countryName] = seed.pick(words.ORIGINS);
    const variety = seed.pick(words.VARIETIES);
    const process = seed.pick(words.PROCESSES);
    const altitude = 1000 + Math.floor(seed.next() * 12) * 100;
    const notes = [seed.pick(words.TASTING_NOTES), seed.pick(words.TASTING_NOTES)].filter(
      (note, at, all) => all.indexOf(note) === at,
    );
    const name = `${countryName} ${region} ${variety} ${process} #${index + 1}`;
    // Issue 17: the Russian name and its English and Spanish ones (the country's name translated).
    const countryNames = words.COUNTRY_NAMES[countryName];
    const translations = countryNames
      ? {
          en: { name: name.replace(countryName, countryNames.en) },
          es: { name: name.replace(countryName, countryNames.es) },
        }
      : {};
    rows.push([
      newId(),
      name,
      seed.id('roasters', seed.pick(words.ROASTERS)[0]),
      country,
      seed.id('origins', region),
      seed.next() < 0.5 ? seed.id('farmers', seed.pick(words.FARMERS)) : null,
      variety,
      seed.id('processes', process),
      seed.pick(words.ROAST_LEVELS),
      altitude,
      altitude + 300,
      notes.join('|'),
      SEED_USER,
      SEED_USER,
      JSON.stringify(translations),
    ]);
  }
  await seed.insert(
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
      ['translations', 'text', '$::jsonb'],
    ],
    rows,
  );
  seed.counts.coffees = rows.length;
  return rows.map((row) => ({ name: row[1] as string }));
}
