import { SERVICE_NAMES, SERVICES } from '@agora/contracts';
import { createIsolatedDatabase, queryRows, run } from '@agora/testing';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const script = (name: string) => path.join(root, `dist/apps/platform/src/${name}.js`);

/**
 * Every table and sequence of a schema, as text, row for row: an md5 of each table's rows in a fixed order
 * (count beside it), and each sequence's state.
 */
async function fingerprint(adminUrl: string, schema: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    adminUrl,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
    [schema],
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: string; digest: string | null }>(
      adminUrl,
      `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${schema}"."${name}" t`,
    );
    result[name] = `${row.n}:${row.digest ?? '-'}`;
  }
  const sequences = await queryRows<{ name: string }>(
    adminUrl,
    `SELECT sequencename AS name FROM pg_sequences WHERE schemaname = $1`,
    [schema],
  );
  for (const { name } of sequences) {
    const [state] = await queryRows<{ last_value: string; is_called: boolean }>(
      adminUrl,
      `SELECT last_value::text, is_called FROM "${schema}"."${name}"`,
    );
    result[`sequence ${name}`] = `${state.last_value}:${state.is_called}`;
  }
  return result;
}

/** `npm run db:dump` / `db:restore` on a PostgreSQL of their own (DATABASE_URL), as the README shows them. */
describe('npm run db:dump and db:restore', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'agora-dump-'));
  const dumps = path.join(dataDir, 'out');
  let adminUrl: string;
  let drop: () => Promise<void>;
  const cli = (name: string, ...args: string[]) =>
    run(process.execPath, [script(name), ...args], {
      DATABASE_URL: adminUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
  const dumpOf = (service: string) => {
    const files = readdirSync(dumps).filter((file) => file.startsWith(`agora-${service}-`));
    expect(files).toHaveLength(1);
    return path.join(dumps, files[0]);
  };
  let before: Record<string, Record<string, string>>;

  beforeAll(async () => {
    ({ adminUrl, drop } = await createIsolatedDatabase(inject('testDatabaseUrl'), 'dump'));
    await run(process.execPath, [script('seed'), '--items=300'], {
      DATABASE_URL: adminUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    // Events a consumer applied, and one the relay has not published yet: both come back as they were.
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.inbox (event_id, consumer, topic)
       VALUES ('01a21cea-aa9b-74f1-affa-7173bef7ba3c', 'catalog.test', 'auth.user.registered.v1')`,
    );
    await queryRows(adminUrl, `UPDATE auth.outbox SET sent_at = now() WHERE topic = 'auth.user.verified.v1'`);
    // A tagged check-in: triggers count its tag in tag_uses and add the coffee to the author's "had" list.
    // Were they to fire again on restore, the counts would double (or the list's unique key would refuse).
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.checkins (id, coffee_id, author_id, rating_quarters, counted)
       SELECT '01a21cea-aa9b-74f1-affa-7173bef7ba40', id, '01a21cea-aa9b-74f1-affa-7173bef7ba41', 17, true
         FROM catalog.coffees ORDER BY id LIMIT 1`,
    );
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.checkin_tags (checkin_id, tag_id)
       SELECT '01a21cea-aa9b-74f1-affa-7173bef7ba40', id FROM catalog.dictionary_values WHERE kind = 'tags' LIMIT 2`,
    );
    before = {};
    for (const name of SERVICE_NAMES) {
      before[name] = await fingerprint(adminUrl, SERVICES[name].schema);
    }
  }, 120_000);

  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dumps every schema to its own file, and one service on request', async () => {
    const output = await cli('db-dump', `--out=${dumps}`);
    expect(output).toContain('Dumping from the database at DATABASE_URL.');
    for (const name of SERVICE_NAMES) {
      expect(output).toMatch(new RegExp(`^${name}: .*agora-${name}-\\d{8}T\\d{6}Z\\.dump\\.gz`, 'm'));
      dumpOf(name);
    }
    expect(output).toMatch(/^catalog: .* \d+ tables, \d+ rows, at /m);
    const single = path.join(dataDir, 'single');
    expect(await cli('db-dump', 'auth', `--out=${single}`)).toMatch(/^auth: /m);
    expect(readdirSync(single)).toEqual([expect.stringMatching(/^agora-auth-.*\.dump\.gz$/)]);
    await expect(cli('db-dump', 'nobody')).rejects.toThrow(/unknown argument "nobody"/);
  }, 60_000);

  it('restores a wiped schema row for row: outbox, inbox, trigger-kept counts and sequences included', async () => {
    for (const name of SERVICE_NAMES) {
      const schema = SERVICES[name].schema;
      await queryRows(adminUrl, `DROP SCHEMA "${schema}" CASCADE`);
      const output = await cli('db-restore', dumpOf(name));
      expect(output).toMatch(new RegExp(`^${name}: \\d+ rows in \\d+ tables restored`, 'm'));
      expect(await fingerprint(adminUrl, schema)).toEqual(before[name]);
    }
    expect(before.catalog.inbox).toMatch(/^1:/);
    expect(before.catalog.tag_uses).toMatch(/^2:/);
    expect(before.catalog.user_items).toMatch(/^1:/);
    expect(before.auth.outbox).toMatch(/^9:/);
    expect(Number(before.catalog.coffees.split(':')[0])).toBe(114);
  }, 120_000);

  it('lets one of several restores at once load a wiped schema; the others find it filled', async () => {
    await queryRows(adminUrl, `DROP SCHEMA auth CASCADE`);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => cli('db-restore', dumpOf('auth'))));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(String(outcome.reason)).toMatch(/schema auth is not empty/);
      }
    }
    expect(await fingerprint(adminUrl, 'auth')).toEqual(before.auth);
  }, 120_000);

  it('refuses a schema that holds rows unless --force, which replaces them', async () => {
    const file = dumpOf('catalog');
    await queryRows(
      adminUrl,
      `DELETE FROM catalog.shop_locations WHERE name = (SELECT min(name) FROM catalog.shop_locations)`,
    );
    await queryRows(
      adminUrl,
      `INSERT INTO catalog.inbox (event_id, consumer, topic)
       VALUES ('01a21cea-aa9b-74f1-affa-7173bef7ba3d', 'catalog.test', 'auth.user.registered.v1')`,
    );
    await expect(cli('db-restore', file)).rejects.toThrow(/schema catalog is not empty .*--force/);
    // Refused: nothing changed.
    expect((await fingerprint(adminUrl, 'catalog')).inbox).toMatch(/^2:/);
    await cli('db-restore', file, '--force');
    expect(await fingerprint(adminUrl, 'catalog')).toEqual(before.catalog);
  }, 120_000);

  it('refuses what is not a dump of this platform, or one cut short, and leaves the schema as it was', async () => {
    await expect(cli('db-restore', path.join(dataDir, 'secrets.json'))).rejects.toThrow(/db:restore failed/);
    await expect(cli('db-restore')).rejects.toThrow(/usage: npm run db:restore/);
    // A copy of the catalog dump without its last lines.
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const text = gunzipSync(readFileSync(dumpOf('catalog'))).toString('utf8');
    const cut = path.join(dataDir, 'cut.dump.gz');
    writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length * 0.7))));
    await queryRows(adminUrl, `DELETE FROM catalog.inbox`);
    await expect(cli('db-restore', cut, '--force')).rejects.toThrow(/cut short|rows loaded|COPY|invalid/);
    expect((await fingerprint(adminUrl, 'catalog')).inbox).toBe('0:-');
  }, 60_000);
});
