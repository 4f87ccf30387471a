import { newId } from '@agora/database';
import * as words from './demo-vocabulary.js';
import { SEED_USER, type SeedContext } from './seed-context.js';

/** The coffee shop's menu (seed 001): categories and their products, linked many-to-many. */
export async function seedMenu(seed: SeedContext): Promise<void> {
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
  await seed.insert(
    'categories',
    [
      ['id', 'uuid'],
      ['name', 'text'],
      ['position', 'int'],
    ],
    categories,
  );
  await seed.insert(
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
  await seed.insert(
    'product_categories',
    [
      ['product_id', 'uuid'],
      ['category_id', 'uuid'],
    ],
    links,
  );
  seed.counts.products = products.length;
}
