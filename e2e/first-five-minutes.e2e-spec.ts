import { DEMO_ACCOUNTS } from '@agora/contracts';
import {
  createIsolatedDatabase,
  eventually,
  freePort,
  queryRows,
  run,
  startProcess,
  waitForHttp,
  type ManagedProcess,
} from '@agora/testing';
import { chmodSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
// npm start's entry: the bundle scripts/build.mjs writes from apps/platform/src/embedded.ts.
const entry = path.join(root, 'dist/platform/embedded.js');
const seedScript = path.join(root, 'dist/apps/platform/src/seed.js');
const dumpScript = path.join(root, 'dist/apps/platform/src/db-dump.js');
const restoreScript = path.join(root, 'dist/apps/platform/src/db-restore.js');

/** An embedded platform on a data folder of its own (the postgres user must reach it), on free ports. */
async function embeddedEnv(name: string): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = path.join(tmpdir(), `agora-e2e-${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  return {
    dataDir,
    env: {
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      LOG_LEVEL: 'warn',
      DEMO: '',
      // social-service rebuilds its copy of the catalog within a second of a seed, not the default 30.
      SOCIAL_CATALOG_REBUILD_RETRY_MS: '1000',
    },
  };
}

/** The embedded superuser URL, from the secrets the first start wrote. */
function adminUrlOf(dataDir: string, port: string): string {
  const { superuserPassword } = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as {
    superuserPassword: string;
  };
  return `postgres://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/agora`;
}

const count = async (url: string, sql: string): Promise<number> =>
  Number((await queryRows<{ n: string }>(url, sql))[0].n);

/** The id of a seeded coffee's discussion room, once social-service's copy of the catalog has the coffee. */
const discussionOf = (api: string, coffeeId: string, token: string): Promise<string> =>
  eventually(
    async () => {
      const reply = await fetch(`${api}/items/coffee/${coffeeId}/discussion`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return reply.status === 200 ? ((await reply.json()) as { id: string }).id : undefined;
    },
    20_000,
    `the discussion of the seeded coffee ${coffeeId}`,
  );

/**
 * A newcomer's first five minutes (README quick start): `npm start`, then `npm run seed` while it runs, the
 * demo accounts' credentials, and the first session in curl: sign in, browse, search, propose, approve.
 */
describe('first five minutes: npm run seed (and db:dump) beside a running npm start', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let platform: ManagedProcess;
  let api: string;
  let adminUrl: string;
  const seed = (...args: string[]) => run(process.execPath, [seedScript, ...args], env);
  const post = (route: string, body: unknown, token?: string) =>
    fetch(`${api}${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  const signIn = async (login: string, password: string): Promise<string> => {
    const reply = await post('/authentication', { login, password });
    expect(reply.status, `${login} signs in`).toBe(200);
    return ((await reply.json()) as { accessToken: string }).accessToken;
  };
  const demo = (role: string) => DEMO_ACCOUNTS.find((account) => account.role === role)!;
  const openDiscussion = (coffeeId: string, token: string) => discussionOf(api, coffeeId, token);

  beforeAll(async () => {
    ({ dataDir, env } = await embeddedEnv('first-five'));
    api = `http://127.0.0.1:${env.GATEWAY_PORT}/api`;
    platform = startProcess(entry, env);
    await waitForHttp(`${api}/health`, 200, 120_000, platform);
    adminUrl = adminUrlOf(dataDir, env.EMBEDDED_POSTGRES_PORT);
  }, 150_000);

  afterAll(async () => {
    await platform?.stop('SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with an empty catalog and says how to seed it', async () => {
    await eventually(
      () => Promise.resolve(platform.output().includes('npm run seed') ? true : undefined),
      10_000,
      'the start banner',
    );
    const coffees = (await (await fetch(`${api}/coffees`)).json()) as { total: number };
    expect(coffees.total).toBe(0);
  });

  it('seeds the running platform’s database (twice at once: one catalog, four accounts) and prints the credentials', async () => {
    const outputs = await Promise.all([seed('--items=200'), seed('--items=200')]);
    for (const output of outputs) {
      expect(output).toContain('the embedded PostgreSQL of the running `npm start`');
      for (const account of DEMO_ACCOUNTS) {
        expect(output).toContain(`login ${account.login}`);
        expect(output).toContain(`password "${account.password}"`);
      }
    }
    // One of the two seeded, the other found the data and left it.
    expect(outputs.filter((output) => /catalog: seeded in/.test(output))).toHaveLength(1);
    expect(outputs.filter((output) => /auth: seeded in .*4 demo accounts/.test(output))).toHaveLength(1);
    // A third seed changes nothing and does not fail.
    const again = await seed('--items=200');
    expect(again).toContain('auth: the demo accounts exist already');
    expect(again).toContain('catalog: has data already');
    expect(await count(adminUrl, `SELECT count(*) AS n FROM auth.users`)).toBe(4);
    expect(await count(adminUrl, `SELECT count(*) AS n FROM catalog.coffees`)).toBe(76);
    // The platform never stopped.
    expect((await fetch(`${api}/health`)).status).toBe(200);
  }, 240_000);

  it('signs in as each demo account, with its role, and its profile is public', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const token = await signIn(account.login, account.password);
      const me = (await (
        await fetch(`${api}/me`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { id: string; role: string; verified: boolean };
      expect(me).toMatchObject({ role: account.role, verified: true });
      // The registration's events went through auth's outbox to the running social-service.
      await eventually(
        async () => ((await fetch(`${api}/profiles/${me.id}`)).status === 200 ? true : undefined),
        15_000,
        `${account.login}'s profile`,
      );
    }
    // By e-mail too.
    await signIn(demo('user').email, demo('user').password);
  });

  it('walks the README’s first session: browse, search, propose a coffee, approve it as the moderator', async () => {
    const user = await signIn(demo('user').login, demo('user').password);
    const coffees = (await (await fetch(`${api}/coffees?limit=5&sort=name`)).json()) as {
      items: { id: string; name: string }[];
      total: number;
    };
    expect(coffees.total).toBe(76);
    // social-service knows the seeded coffees (its copy rebuilt from catalog's snapshot after the seed, which
    // emits no events): a seeded coffee's discussion opens and takes a message.
    const discussion = await openDiscussion(coffees.items[0].id, user);
    expect((await post(`/chats/${discussion}/messages`, { text: 'Is it fruity?' }, user)).status).toBe(201);
    // The running catalog-service's search sees the seeded documents (its page cache lasts SEARCH_CACHE_SECONDS).
    const found = await eventually(
      async () => {
        const page = (await (await fetch(`${api}/search?q=${encodeURIComponent('амфибия')}`)).json()) as {
          items: { kind: string }[];
        };
        return page.items.length > 0 ? page.items : undefined;
      },
      15_000,
      'seeded watches in search',
    );
    expect(found.map((hit) => hit.kind)).toContain('watch');

    const roasters = (await (await fetch(`${api}/dictionaries/roasters?filter%5Bname%5D=Welder`)).json()) as {
      items: { id: string }[];
    };
    const proposed = await post(
      '/coffees',
      { name: 'Ethiopia Guji Newcomer', roasterId: roasters.items[0].id, variety: 'Heirloom' },
      user,
    );
    expect(proposed.status).toBe(202);
    const draft = (await proposed.json()) as { id: string; status: string };
    expect(draft.status).toBe('pending');

    // The user cannot approve their own proposal; the moderator can.
    expect((await post(`/drafts/${draft.id}/approve`, {}, user)).status).toBe(403);
    const moderator = await signIn(demo('moderator').login, demo('moderator').password);
    const queue = (await (
      await fetch(`${api}/drafts?filter%5Bstatus%5D=pending`, {
        headers: { authorization: `Bearer ${moderator}` },
      })
    ).json()) as { items: { id: string }[] };
    expect(queue.items.map((item) => item.id)).toContain(draft.id);
    const approved = await post(`/drafts/${draft.id}/approve`, {}, moderator);
    expect(approved.status).toBe(200);
    const { targetId } = (await approved.json()) as { targetId: string };
    const coffee = (await (await fetch(`${api}/coffees/${targetId}`)).json()) as { name: string };
    expect(coffee.name).toBe('Ethiopia Guji Newcomer');
    const search = (await (
      await fetch(`${api}/search?q=${encodeURIComponent('Guji Newcomer')}`, {
        headers: { 'cache-control': 'no-cache' },
      })
    ).json()) as { items: { id: string }[] };
    expect(search.items[0].id).toBe(targetId);
  });

  it('dumps the running embedded PostgreSQL 18 and restores it into the tests’ PostgreSQL (no pg_dump of either)', async () => {
    const out = path.join(dataDir, 'dumps');
    const dumped = await run(process.execPath, [dumpScript, 'catalog', 'auth', `--out=${out}`], env);
    expect(dumped).toContain('Dumping from the embedded PostgreSQL of the running `npm start`.');
    const file = (service: string) =>
      /^\S+: (\S+\.dump\.gz)/m.exec(dumped.split('\n').find((line) => line.startsWith(`${service}: `))!)![1];
    // Restoring over the running platform's data is refused without --force.
    await expect(run(process.execPath, [restoreScript, file('catalog')], env)).rejects.toThrow(
      /schema catalog is not empty/,
    );
    const { adminUrl: otherUrl, drop } = await createIsolatedDatabase(
      inject('testDatabaseUrl'),
      'embedded_dump',
    );
    try {
      const restored = await run(process.execPath, [restoreScript, file('catalog'), file('auth')], {
        ...env,
        DATABASE_URL: otherUrl,
      });
      expect(restored).toMatch(/^catalog: \d+ rows in \d+ tables restored/m);
      for (const sql of [
        `SELECT count(*) AS n FROM catalog.coffees`,
        `SELECT count(*) AS n FROM catalog.search_documents`,
        `SELECT count(*) AS n FROM auth.users`,
        `SELECT count(*) AS n FROM auth.outbox`,
      ]) {
        expect(await count(otherUrl, sql), sql).toBe(await count(adminUrl, sql));
      }
    } finally {
      await drop();
    }
  }, 120_000);

  it('prints the demo accounts on the next start', async () => {
    expect(await platform.stop('SIGINT')).toBe(0);
    // Stopped: the seed starts the embedded PostgreSQL itself, and stops it after.
    expect(await seed('--items=200')).toContain('started for the seed');
    platform = startProcess(entry, env);
    await waitForHttp(`${api}/health`, 200, 120_000, platform);
    // The banner follows the health check's first 200 by a moment.
    const banner = await eventually(
      () => Promise.resolve(platform.output().includes('Press Ctrl-C') ? platform.output() : undefined),
      10_000,
      'the start banner',
    );
    for (const account of DEMO_ACCOUNTS) {
      expect(banner).toContain(`password "${account.password}"`);
    }
  }, 240_000);
});

describe('npm start -- --demo (DEMO=1) on a first start', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let platform: ManagedProcess | undefined;

  beforeAll(async () => {
    ({ dataDir, env } = await embeddedEnv('demo'));
  });

  afterAll(async () => {
    await platform?.stop('SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the empty catalog and the demo accounts before serving, and only while the catalog is empty', async () => {
    const api = `http://127.0.0.1:${env.GATEWAY_PORT}/api`;
    platform = startProcess(entry, { ...env, DEMO_ITEMS: '100' }, ['--demo']);
    await waitForHttp(`${api}/health`, 200, 180_000, platform);
    const banner = await eventually(
      () => Promise.resolve(platform!.output().includes('Press Ctrl-C') ? platform!.output() : undefined),
      10_000,
      'the start banner',
    );
    expect(banner).toContain(`password "${DEMO_ACCOUNTS[0].password}"`);
    const coffees = (await (await fetch(`${api}/coffees`)).json()) as {
      total: number;
      items: { id: string }[];
    };
    expect(coffees.total).toBe(38);
    const reply = await fetch(`${api}/authentication`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'demo-seller', password: 'demo seller password' }),
    });
    expect(reply.status).toBe(200);
    // social-service rebuilt its copy of the seeded catalog at start: a seeded coffee's discussion opens.
    const { accessToken } = (await reply.json()) as { accessToken: string };
    await discussionOf(api, coffees.items[0].id, accessToken);

    // A restart with DEMO=1 finds the catalog filled and seeds nothing more.
    expect(await platform.stop('SIGINT')).toBe(0);
    platform = startProcess(entry, { ...env, DEMO: '1', DEMO_ITEMS: '500' });
    await waitForHttp(`${api}/health`, 200, 120_000, platform);
    const after = (await (await fetch(`${api}/coffees`)).json()) as { total: number };
    expect(after.total).toBe(38);
    const adminUrl = adminUrlOf(dataDir, env.EMBEDDED_POSTGRES_PORT);
    expect(await count(adminUrl, `SELECT count(*) AS n FROM auth.users`)).toBe(4);
  }, 400_000);
});
