import { DEMO_ACCOUNTS } from '@agora/contracts';
import { createIsolatedDatabase, queryRows, run } from '@agora/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const seedScript = path.join(root, 'dist/apps/platform/src/seed.js');

/** `npm run seed` on a PostgreSQL of its own (DATABASE_URL), as the README shows it. */
describe('npm run seed', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'agora-seed-'));
  let adminUrl: string;
  let drop: () => Promise<void>;
  const seed = (...args: string[]) =>
    run(process.execPath, [seedScript, ...args], {
      DATABASE_URL: adminUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
  const count = async (table: string) =>
    Number((await queryRows<{ n: string }>(adminUrl, `SELECT count(*) AS n FROM catalog.${table}`))[0].n);

  beforeAll(async () => {
    ({ adminUrl, drop } = await createIsolatedDatabase(inject('testDatabaseUrl'), 'seed'));
  });

  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads coffees, watches, a menu, listings and locations, and indexes them for search', async () => {
    const output = await seed('--items=500');
    expect(output).toMatch(
      /catalog: seeded in [\d.]+ s: .*190 coffees, 15 mechanisms, 180 watches, 16 products, 130 listings/,
    );
    expect(await count('coffees')).toBe(190);
    expect(await count('watch_aliases')).toBeGreaterThan(0);
    expect(await count('shop_locations')).toBe(3);
    const publicListings = Number(
      (
        await queryRows<{ n: string }>(
          adminUrl,
          `SELECT count(*) AS n FROM catalog.listings WHERE status IN ('active', 'sold')`,
        )
      )[0].n,
    );
    expect(await count('search_documents')).toBe(190 + 180 + 16 + publicListings);
    const roasters = await queryRows<{ name: string }>(
      adminUrl,
      `SELECT name FROM catalog.dictionary_values WHERE kind = 'roasters' ORDER BY name`,
    );
    expect(roasters.map((roaster) => roaster.name)).toEqual(
      expect.arrayContaining(['Tasty Coffee', 'Welder']),
    );
  });

  it('creates the demo accounts once, verified, with their events in auth’s outbox', async () => {
    const accounts = await queryRows<{ login: string; role: string; verified: boolean }>(
      adminUrl,
      `SELECT login, role, verified FROM auth.users ORDER BY login`,
    );
    expect(accounts).toEqual(
      [...DEMO_ACCOUNTS]
        .sort((a, b) => a.login.localeCompare(b.login))
        .map(({ login, role }) => ({ login, role, verified: true })),
    );
    const events = await queryRows<{ topic: string; n: string }>(
      adminUrl,
      `SELECT topic, count(*) AS n FROM auth.outbox GROUP BY topic ORDER BY topic`,
    );
    expect(events).toEqual([
      { topic: 'auth.user.registered.v1', n: '4' },
      { topic: 'auth.user.role-changed.v1', n: '1' },
      { topic: 'auth.user.verified.v1', n: '4' },
    ]);
  });

  it('leaves a catalog that has items alone, unless told to --reset', async () => {
    const again = await seed();
    expect(again).toContain('catalog: has data already');
    expect(again).toContain('auth: the demo accounts exist already');
    expect(await count('coffees')).toBe(190);
    expect(
      Number((await queryRows<{ n: string }>(adminUrl, `SELECT count(*) AS n FROM auth.users`))[0].n),
    ).toBe(4);
    await seed('--items=100', '--reset');
    expect(await count('coffees')).toBe(38);
    await expect(seed('--items=abc')).rejects.toThrow(/unknown argument/);
    // Three runs of the CLI, each building and migrating: minutes on a busy two-core machine.
  }, 120_000);
});
