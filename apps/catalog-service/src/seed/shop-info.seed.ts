import { newId } from '@agora/database';
import { WEEKDAYS } from '../shop-info/opening-hours.js';
import * as words from './demo-vocabulary.js';
import type { SeedContext } from './seed-context.js';

/** The shop's profile and locations with opening hours in their own time zones (seed 001's info route). */
export async function seedShopInfo(seed: SeedContext): Promise<void> {
  await seed.insert(
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
  await seed.manager.query(
    `INSERT INTO ${seed.table('shop_profile')} (id, name, description, website) VALUES ($1, $2, $3, $4)`,
    [newId(), 'Agora Coffee', 'Кофейня на вынос и маркетплейс для коллекционеров', 'https://agora.example'],
  );
}
