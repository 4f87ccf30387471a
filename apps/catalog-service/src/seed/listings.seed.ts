import { newId } from '@agora/database';
import type { SeededCoffee } from './coffees.seed.js';
import * as words from './demo-vocabulary.js';
import { SELLERS, type SeedContext } from './seed-context.js';
import type { SeededWatch } from './watches.seed.js';

/** Marketplace listings (seed 003) of seeded watches and coffees, with characteristics and tags. */
export async function seedListings(
  seed: SeedContext,
  count: number,
  coffees: readonly SeededCoffee[],
  watches: readonly SeededWatch[],
): Promise<void> {
  const listings: unknown[][] = [];
  const tags: unknown[][] = [];
  for (let index = 0; index < count; index += 1) {
    const isWatch = seed.next() < 0.75;
    const listingId = newId();
    const title = isWatch
      ? (() => {
          const watch = watches[Math.floor(seed.next() * watches.length)];
          return `${watch.name}, ${watch.startRelease} г.`;
        })()
      : `Зерно ${coffees[Math.floor(seed.next() * coffees.length)].name}, 1 кг`;
    const status = seed.next() < 0.8 ? 'active' : seed.pick(['sold', 'draft', 'archived']);
    const characteristics = isWatch
      ? [
          { key: 'Состояние', type: 'string', value: seed.pick(['отличное', 'хорошее', 'на запчасти']) },
          { key: 'Диаметр, мм', type: 'number', value: 34 + Math.floor(seed.next() * 10) },
          { key: 'Коробка и документы', type: 'boolean', value: seed.next() < 0.3 },
        ]
      : [{ key: 'Обжарка', type: 'string', value: seed.pick(words.ROAST_LEVELS) }];
    listings.push([
      listingId,
      seed.pick(SELLERS),
      title,
      isWatch ? 'Ходят, точность в норме. Отправлю почтой.' : 'Свежая обжарка, вскрытая упаковка.',
      String(isWatch ? 1500 + Math.floor(seed.next() * 60) * 500 : 900 + Math.floor(seed.next() * 30) * 50),
      'RUB',
      status,
      JSON.stringify(characteristics),
      status === 'draft'
        ? null
        : new Date(Date.UTC(2026, 0, 1) + Math.floor(seed.next() * 3e10)).toISOString(),
    ]);
    const names = isWatch
      ? [
          'часы',
          seed.next() < 0.7 ? 'ссср' : 'швейцария',
          seed.pick(['винтаж', 'дайверы', 'хронограф', 'подарок']),
        ]
      : ['кофе', 'зерно'];
    names.forEach((tag) => tags.push([listingId, seed.id('tags', tag)]));
  }
  await seed.insert(
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
  await seed.insert(
    'listing_tags',
    [
      ['listing_id', 'uuid'],
      ['tag_id', 'uuid'],
    ],
    tags,
  );
  seed.counts.listings = listings.length;
}
