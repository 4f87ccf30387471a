// `npm run bench [-- --items=1000000 --users=100000 --rounds=3 --seconds=8]`: the figures of issue 14 next to
// their goals, written to bench/RESULTS.md. `--only=events,start,rss,lists,social,cards` measures some goals and prints
// them without touching RESULTS.md (no seeding unless `lists`); `--events=N` sets (f)'s event count and
// `--port-offset=N` moves every port the bench listens on, so two benches can run side by side; `--keep=NAME`
// seeds a database agora_bench_NAME once and keeps it (and its data folder) for the next run with the same
// name; `--targets=search,cursor,…` loads only those of (a)–(d)'s targets. Builds a throwaway database on the local PostgreSQL
// (BENCH_DATABASE_URL, a superuser URL), fills it by bulk SQL (bench/seed.ts), starts Kafka from the repo's
// jars on its own ports and the platform as `npm start` does (dist/platform/embedded.js), the bare
// node:http + pg handler (bench/bare-server.ts) and the textbook Nest + Express + TypeORM one
// (bench/textbook-server.ts), and loads them with wrk in alternating rounds; the feed is measured again in the
// production shape (nginx from the generated config in front of auth- and social-service processes, as
// `npm run start:service` runs them). Everything is talked to over
// HTTP, SQL or as processes: nothing here imports an app's internals.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import { outboxChannel } from '@agora/database';
import { startNginx, type RunningNginx } from '@agora/testing';
import { encodeCursor } from '@agora/list-query';
import { IsUrl } from 'class-validator';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { seedStatements } from './seed.js';
import { fixed, median, percentile } from './stats.js';
import { cardsSeedStatements, measureDueQueue } from './cards.js';
import { measureFanOut, measureFeed, socialSeedStatements, type SocialBenchContext } from './social.js';

class BenchConfig {
  /** Superuser URL of the PostgreSQL the bench creates (and drops) its throwaway database in. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}

const option = (name: string, fallback: number): number =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const ITEMS = option('items', 1_000_000);
const USERS = option('users', 100_000);
const ROUNDS = option('rounds', 3);
const SECONDS = option('seconds', 8);
const EVENT_COUNT = option('events', 2000);
const POSTS = option('posts', 1_000_000);
const SOCKETS = option('sockets', 10_000);
const PORT_OFFSET = option('port-offset', 0);
const ONLY = new Set(
  (process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? '')
    .split(',')
    .filter(Boolean),
);
/** Cards of the learner whose due queue `cards` measures (issue 19). */
const CARDS = option('cards', 100_000);
const PARTS = ['lists', 'start', 'events', 'rss', 'social', 'cards'] as const;

/** How long the distributed shape idles, every service healthy, before its RSS is read. */
const IDLE_SETTLE_MS = 60_000;
for (const part of ONLY) {
  if (!(PARTS as readonly string[]).includes(part)) {
    throw new Error(`--only takes ${PARTS.join(', ')}; not ${part}`);
  }
}
/** Whether this run measures a part of the bench (every part unless `--only`). */
const wanted = (part: (typeof PARTS)[number]): boolean => ONLY.size === 0 || ONLY.has(part);
const port = (base: number): number => base + PORT_OFFSET;

const root = process.cwd();
const ADMIN_URL = loadConfig(BenchConfig, processEnvironment()).BENCH_DATABASE_URL;
const KEEP = process.argv.find((arg) => arg.startsWith('--keep='))?.slice('--keep='.length);
if (KEEP !== undefined && !/^[a-z0-9_]{1,40}$/.test(KEEP)) {
  throw new Error(`--keep takes a name of a–z, 0–9 and _; not ${KEEP}`);
}
const TARGETS = new Set(
  (process.argv.find((arg) => arg.startsWith('--targets='))?.slice('--targets='.length) ?? '')
    .split(',')
    .filter(Boolean),
);
/** Tells this run's rows from a kept database's earlier runs. */
const runTag = Date.now();
const stamp = KEEP ?? String(runTag);
const database = `agora_bench_${stamp}`;
const benchUrl = new URL(ADMIN_URL);
benchUrl.pathname = `/${database}`;
const BENCH_DB = benchUrl.toString();
const DATA_DIR = path.join(root, '.data', `bench-${stamp}`);
const KAFKA = {
  port: port(19092),
  controller: port(19093),
  dir: path.join(root, '.data', `bench-kafka-${stamp}`),
};
const KAFKA_BROKERS = `127.0.0.1:${KAFKA.port}`;
const GATEWAY = `http://127.0.0.1:${port(18080)}`;
const BARE = `http://127.0.0.1:${port(18091)}`;
const TEXTBOOK = `http://127.0.0.1:${port(18092)}`;
const BARE_FAN_OUT = `http://127.0.0.1:${port(18093)}`;
const SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  auth: port(18101),
  social: port(18102),
  media: port(18103),
  catalog: port(18104),
  order: port(18105),
};

const LIST = '/coffees?limit=20&sort=-createdAt';
const FILTERED = `/coffees?limit=20&sort=-createdAt&filter[roastLevel]=medium&filter[countryCode]=ET&search=${encodeURIComponent('иргачефф')}`;
/**
 * (c)'s searches, in turn: common words (the GiST walk), two words, a typo, a model with a serial number (rare
 * and common mixed), a rare number and a word found nowhere (every tier runs). Sent with `Cache-Control:
 * no-cache`, so each is ranked afresh; the row after it sends them without, as clients do, and meets the page
 * cache (SEARCH_CACHE_SECONDS).
 */
const SEARCH_QUERIES = [
  'амфибия',
  'восток амфибия',
  'хронограф',
  'иргачефф',
  'caturra',
  'часы ссср',
  'амфибя',
  'командирские 100125',
  '100777',
  'seamastr',
];
const SEARCH = SEARCH_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}&limit=20`);

const log = (message: string): void =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ─── processes ──────────────────────────────────────────────────────────────────────────────────────
const children = new Set<ChildProcess>();
/** How `npm run start:service` runs a service, `NAME=value … node --flag … script`; the Dockerfile and compose agree. */
const START_SERVICE = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts['start:service'].split(' ');
const SERVICE_NODE_FLAGS = START_SERVICE.filter((part) => part.startsWith('--'));
const SERVICE_ENV: Record<string, string> = Object.fromEntries(
  START_SERVICE.slice(0, START_SERVICE.indexOf('node')).map((part) => part.split('=') as [string, string]),
);

function start(script: string, env: Record<string, string>, name: string): ChildProcess {
  // As `npm start` and `npm run start:service` run them: without --enable-source-maps, which costs about a
  // second of start-up and 18 MB per process (every module's map is parsed at load).
  // The services get the V8 flags and environment `npm run start:service`, the Dockerfile and compose give them.
  const service = script.endsWith('-service/src/main.js');
  const child = spawn(
    process.execPath,
    [...(service ? SERVICE_NODE_FLAGS : []), path.join(root, 'dist', script)],
    {
      env: { ...process.env, ...(service ? SERVICE_ENV : {}), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once('exit', (code) => {
    children.delete(child);
    if (code && code !== 0 && code !== 143) {
      log(`${name} exited with ${code}: ${stderr}`);
    }
  });
  children.add(child);
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
}

async function waitUntilOk(url: string, timeoutMs = 120_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) {
      throw new Error(`the process behind ${url} exited with ${child.exitCode}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}

const platformEnv = (kafka: boolean): Record<string, string> => ({
  DATABASE_URL: BENCH_DB,
  DATA_DIR,
  GATEWAY_PORT: String(port(18080)),
  METRICS_PORT: String(port(19464)),
  LOG_LEVEL: 'warn',
  // wrk sends every search from one address: the per-address limit would answer 429 instead.
  SEARCH_MAX_PER_IP: '1000000000',
  ...(kafka ? { KAFKA_BROKERS } : {}),
});

/** Starts the platform as `npm start` does; resolves with the process and how long it took to be healthy. */
async function startPlatform(kafka: boolean): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  const child = start('platform/embedded.js', platformEnv(kafka), 'platform');
  await waitUntilOk(`${GATEWAY}/api/health`, 120_000, child);
  return { child, seconds: (performance.now() - started) / 1000 };
}

function kafka(command: 'start' | 'stop'): void {
  execFileSync('bash', [path.join(root, 'infra/kafka/kafka.sh'), command], {
    env: {
      ...process.env,
      KAFKA_PORT: String(KAFKA.port),
      KAFKA_CONTROLLER_PORT: String(KAFKA.controller),
      KAFKA_DATA_DIR: KAFKA.dir,
      KAFKA_HEAP: '-Xmx384m -Xms128m',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The port a service listens on inside the platform process: the one answering `probe` (e.g. `/coffees?limit=1`). */
async function servicePortOf(pid: number, probe: string): Promise<number> {
  const listening = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => Number(/:(\d+)\s/.exec(line)?.[1]))
    .filter((candidate) => candidate && candidate !== port(18080));
  for (const candidate of listening) {
    const response = await fetch(`http://127.0.0.1:${candidate}${probe}`).catch(() => undefined);
    if (response?.ok) {
      return candidate;
    }
  }
  throw new Error(`no platform port answers ${probe}`);
}

// ─── wrk ────────────────────────────────────────────────────────────────────────────────────────────
interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

const millis = (value: string, unit: string): number =>
  Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);

/** wrk on one URL, or on several in turn (a Lua script; `paths` on the URL's host), with extra headers. */
function wrk(
  url: string,
  connections: number,
  seconds = SECONDS,
  options: { paths?: readonly string[]; headers?: readonly string[] } = {},
): Load {
  const extra: string[] = (options.headers ?? []).flatMap((header) => ['-H', header]);
  if (options.paths) {
    const script = path.join(DATA_DIR, 'rotate.lua');
    writeFileSync(
      script,
      `local paths = { ${options.paths.map((entry) => JSON.stringify(entry)).join(', ')} }
local turn = 0
request = function()
  turn = turn % #paths + 1
  return wrk.format(nil, paths[turn])
end
`,
    );
    extra.push('-s', script);
  }
  const out = execFileSync(
    'wrk',
    [
      `-t${Math.min(2, connections)}`,
      `-c${connections}`,
      `-d${seconds}s`,
      '--timeout',
      '30s',
      '--latency',
      ...extra,
      url,
    ],
    { encoding: 'utf8' },
  );
  const latency = (p: string) => {
    // wrk pads one-letter units (`1.62s `), so trailing blanks are allowed.
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return match ? millis(match[1], match[2]) : NaN;
  };
  const errors =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
    Number(/timeout (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: latency('50'),
    p99: latency('99'),
    errors,
  };
}

// ─── the run ────────────────────────────────────────────────────────────────────────────────────────
interface Row {
  goal: string;
  measured: string;
  target: string;
  met: boolean | null;
}

const rows: Row[] = [];
/** How deep (d)'s cursor page is: 500,000 rows, or the deepest full page of fewer coffees. */
let deepRows = 0;
const notes: string[] = [];
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const reused =
  KEEP !== undefined &&
  (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
if (!reused) {
  await admin.query(`CREATE DATABASE "${database}"`);
}
mkdirSync(DATA_DIR, { recursive: true });
let platform: ChildProcess | undefined;
let kafkaStarted = false;
let seedSeconds = 0;
const benchStarted = performance.now();
try {
  if (wanted('events') || wanted('rss') || wanted('social')) {
    log(`database ${database}; starting Kafka on ${KAFKA.port}`);
    kafka('start');
    kafkaStarted = true;
  }

  log('first start: provisioning and migrations');
  platform = (await startPlatform(false)).child;
  await stop(platform);

  if ((wanted('lists') || wanted('social') || wanted('cards')) && !(await seeded())) {
    log(`seeding ${ITEMS} items and ${USERS} users`);
    const seedStarted = performance.now();
    const db = new pg.Client({ connectionString: BENCH_DB });
    await db.connect();
    try {
      for (const statement of seedStatements({ items: ITEMS, users: USERS })) {
        await db.query(statement);
      }
      await db.query('VACUUM ANALYZE');
    } finally {
      await db.end();
    }
    seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`seeded in ${seedSeconds.toFixed(0)} s`);
  }

  if (wanted('social') && !(await seededSocial())) {
    log(`seeding ${POSTS} posts`);
    const seedStarted = performance.now();
    const db = new pg.Client({ connectionString: BENCH_DB });
    await db.connect();
    try {
      for (const statement of socialSeedStatements(POSTS)) {
        await db.query(statement);
      }
      // The seed made ten thousand profiles public: without fresh statistics the planner walks all of them.
      for (const table of ['posts', 'follows', 'profiles']) {
        await db.query(`VACUUM ANALYZE social.${table}`);
      }
    } finally {
      await db.end();
    }
    log(`posts seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
  }

  if (wanted('cards')) {
    log(`seeding ${CARDS} cards`);
    const seedStarted = performance.now();
    const db = new pg.Client({ connectionString: BENCH_DB });
    await db.connect();
    try {
      for (const statement of cardsSeedStatements(CARDS)) {
        await db.query(statement);
      }
    } finally {
      await db.end();
    }
    log(`cards seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
  }

  // (e) start to healthy, warm: the platform restarted on the migrated (and seeded) database.
  const startSeconds: number[] = [];
  for (let round = 0; wanted('start') && round < ROUNDS; round += 1) {
    const started = await startPlatform(false);
    startSeconds.push(started.seconds);
    log(`start round ${round + 1}: ${started.seconds.toFixed(2)} s`);
    await stop(started.child);
  }

  if (wanted('lists') || wanted('events') || wanted('social') || wanted('cards')) {
    await measureOnPlatform();
  }
  if (wanted('social')) {
    await measureFeedInProductionShape();
  }
  if (wanted('start')) {
    const startMedian = median(startSeconds);
    rows.push({
      goal: '(e) `npm start` to healthy, warm (embedded platform, migrated database)',
      measured: `${fixed(startMedian, 2)} s (${startSeconds.map((seconds) => fixed(seconds, 2)).join(', ')})`,
      target: '≤ 3 s',
      met: startMedian <= 3,
    });
  }
  if (wanted('rss')) {
    await measureIdleRss();
  }
  report();
} finally {
  for (const child of [...children]) {
    await stop(child);
  }
  await stop(platform);
  if (kafkaStarted) {
    try {
      kafka('stop');
    } catch (error) {
      log(`stopping Kafka: ${String(error)}`);
    }
  }
  if (KEEP === undefined) {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((error: unknown) => {
      log(`dropping ${database}: ${String(error)}`);
    });
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
  await admin.end();
  rmSync(KAFKA.dir, { recursive: true, force: true });
}

/** Whether a kept database already holds the seeded posts. */
async function seededSocial(): Promise<boolean> {
  if (!reused) {
    return false;
  }
  const db = new pg.Client({ connectionString: BENCH_DB });
  await db.connect();
  try {
    const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM social.posts) AS any');
    return rows[0].any;
  } finally {
    await db.end();
  }
}

/** Whether a kept database already holds the seeded catalog. */
async function seeded(): Promise<boolean> {
  if (!reused) {
    return false;
  }
  const db = new pg.Client({ connectionString: BENCH_DB });
  await db.connect();
  try {
    const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM catalog.coffees) AS any');
    return rows[0].any;
  } finally {
    await db.end();
  }
}

/** What bench/social.ts measures with: the gateway in front (Node's or nginx) and social-service's own address. */
function socialContext(db: pg.Client, gateway: string, socialUrl: string): SocialBenchContext {
  return {
    db,
    gateway,
    socialUrl,
    bareFanOutUrl: BARE_FAN_OUT,
    posts: POSTS,
    sockets: SOCKETS,
    rounds: ROUNDS,
    wrk,
    log,
  };
}

/** (a)–(d) and (f): the platform as `npm start` runs it, on Kafka when (f) is measured. */
async function measureOnPlatform(): Promise<void> {
  log(wanted('events') ? 'platform on Kafka' : 'platform');
  const running = await startPlatform(wanted('events'));
  platform = running.child;
  const deepClient = new pg.Client({ connectionString: BENCH_DB });
  await deepClient.connect();
  if (wanted('lists')) {
    await measureLists(deepClient, platform);
  }
  if (wanted('events')) {
    await measureEvents(deepClient);
  }
  if (wanted('social')) {
    start('bench/bare-fanout.js', { BENCH_PORT: String(port(18093)) }, 'bare fan-out server');
    const context = socialContext(
      deepClient,
      GATEWAY,
      `http://127.0.0.1:${await servicePortOf(platform.pid!, '/profiles?limit=1')}`,
    );
    rows.push(
      ...(await measureFeed(context, '`npm start`: one process, the Node gateway')),
      ...(await measureFanOut(context)),
    );
  }
  if (wanted('cards')) {
    rows.push(
      ...(await measureDueQueue({
        db: deepClient,
        gateway: GATEWAY,
        cards: CARDS,
        rounds: ROUNDS,
        wrk,
        log,
      })),
    );
  }
  await deepClient.end();
  for (const child of [...children]) {
    await stop(child);
  }
}

/**
 * Each of (c)'s searches alone, ranked afresh 15 times one after another: the median and slowest time of each, in
 * the log, so a tail under load can be traced to the query that makes it.
 */
async function logSoloSearches(): Promise<void> {
  for (const [index, entry] of SEARCH.entries()) {
    const ask = async () =>
      (await fetch(`${GATEWAY}/api${entry}`, { headers: { 'cache-control': 'no-cache' } })).arrayBuffer();
    // A kept-alive socket the gateway closed while wrk ran fails once; the retry opens a new one.
    await ask().catch(ask);
    const times: number[] = [];
    for (let run = 0; run < 15; run += 1) {
      const started = performance.now();
      await ask();
      times.push(performance.now() - started);
    }
    log(
      `search alone ${JSON.stringify(SEARCH_QUERIES[index])}: median ${fixed(median(times), 2)} ms, slowest ${fixed(Math.max(...times), 2)} ms`,
    );
  }
}

/** (a)–(d): list routes through the gateway against the bare and textbook handlers, search, a deep cursor. */
async function measureLists(deepClient: pg.Client, platformProcess: ChildProcess): Promise<void> {
  log('bare and textbook handlers');
  const catalogDirect = `http://127.0.0.1:${await servicePortOf(platformProcess.pid!, '/coffees?limit=1')}`;
  const serverEnv = { BENCH_DATABASE_URL: BENCH_DB };
  start('bench/bare-server.js', { ...serverEnv, BENCH_PORT: String(port(18091)) }, 'bare server');
  start('bench/textbook-server.js', { ...serverEnv, BENCH_PORT: String(port(18092)) }, 'textbook server');
  await waitUntilOk(`${BARE}${LIST}`);
  await waitUntilOk(`${TEXTBOOK}/coffees?limit=1`, 300_000);

  // The same JSON: the bare handler answers what catalog-service answers.
  const [viaGateway, bare] = await Promise.all(
    [`${GATEWAY}/api${LIST}`, `${BARE}${LIST}`].map(async (url) => (await fetch(url)).json()),
  );
  if (JSON.stringify(viaGateway) !== JSON.stringify(bare)) {
    notes.push(
      'The bare handler’s JSON differs from catalog-service’s for the list route (see the bench log).',
    );
    const [ours, theirs] = [JSON.stringify(viaGateway), JSON.stringify(bare)];
    const at = [...ours].findIndex((char, index) => char !== theirs[index]);
    log(`JSON differs at ${at}:\n…${ours.slice(at - 200, at + 300)}\n…${theirs.slice(at - 200, at + 300)}`);
  }

  // 500,000 rows deep where there are that many coffees; otherwise the deepest full page (1M items hold 380,000
  // coffees: a cursor past the last one would measure an empty page).
  const coffees = Number(
    (await deepClient.query<{ n: string }>('SELECT count(*) AS n FROM catalog.coffees')).rows[0].n,
  );
  deepRows = Math.max(0, Math.min(500_000, coffees - 20));
  const cursorRow = (
    await deepClient.query<{ id: string; created: string }>(
      `SELECT id, created_at::text AS created FROM catalog.coffees ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1`,
      [deepRows - 1],
    )
  ).rows[0];
  const CURSOR = `/coffees?limit=20&sort=-createdAt&cursor=${encodeCursor(
    [{ field: 'createdAt', direction: 'DESC' }],
    [cursorRow.created, cursorRow.id],
  )}`;

  const targets = {
    listGateway: () => wrk(`${GATEWAY}/api${LIST}`, 10),
    listDirect: () => wrk(`${catalogDirect}${LIST}`, 10),
    listBare: () => wrk(`${BARE}${LIST}`, 10),
    listTextbook: () => wrk(`${TEXTBOOK}${LIST}`, 10),
    filteredGateway: () => wrk(`${GATEWAY}/api${FILTERED}`, 10),
    filteredBare: () => wrk(`${BARE}${FILTERED}`, 10),
    search: () =>
      wrk(GATEWAY, 20, SECONDS, {
        paths: SEARCH.map((entry) => `/api${entry}`),
        headers: ['Cache-Control: no-cache'],
      }),
    searchCached: () => wrk(GATEWAY, 20, SECONDS, { paths: SEARCH.map((entry) => `/api${entry}`) }),
    // (d) is the latency of a page half a million rows deep: one client, beside the first page read the same way
    // (depth must cost nothing); the same deep page under 10 clients shows what the machine's saturation adds.
    cursor: () => wrk(`${GATEWAY}/api${CURSOR}`, 1),
    firstPage: () => wrk(`${GATEWAY}/api${LIST}`, 1),
    cursorLoaded: () => wrk(`${GATEWAY}/api${CURSOR}`, 10),
  };
  /** Targets measured along with one `--targets` names. */
  const companions: Partial<Record<Target, Target>> = {
    searchCached: 'search',
    firstPage: 'cursor',
    cursorLoaded: 'cursor',
  };
  type Target = keyof typeof targets;
  for (const name of TARGETS) {
    if (!(name in targets)) {
      throw new Error(`--targets takes ${Object.keys(targets).join(', ')}; not ${name}`);
    }
  }
  const loads = Object.fromEntries(Object.keys(targets).map((name) => [name, [] as Load[]])) as Record<
    Target,
    Load[]
  >;
  // At the measured concurrency: every pooled connection of catalog-service (and of the bare handler) plans its
  // statements once (the list pages, the search statement and its functions'), which round 1 would otherwise pay.
  log('warm-up');
  for (const url of [`${GATEWAY}/api${LIST}`, `${GATEWAY}/api${FILTERED}`, `${BARE}${LIST}`]) {
    wrk(url, 10, 2);
  }
  wrk(GATEWAY, 20, 2, { paths: SEARCH.map((entry) => `/api${entry}`), headers: ['Cache-Control: no-cache'] });
  if (TARGETS.size === 0 || TARGETS.has('search')) {
    await logSoloSearches();
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating: every target once per round, in turn, so drift in the machine's load hits them alike.
    const order = (Object.keys(targets) as Target[]).filter(
      // `--targets=search` measures the cached searches too, `--targets=cursor` the first page and the loaded one.
      (name) => TARGETS.size === 0 || TARGETS.has(name) || TARGETS.has(companions[name] ?? name),
    );
    if (round % 2 === 1) {
      order.reverse();
    }
    for (const name of order) {
      const load = targets[name]();
      loads[name].push(load);
      log(
        `round ${round + 1} ${name}: ${load.rps} req/s, p50 ${fixed(load.p50, 2)} ms, p99 ${fixed(load.p99, 2)} ms`,
      );
    }
  }
  const rps = (name: Target) => median(loads[name].map((load) => load.rps));
  const p = (name: Target, key: 'p50' | 'p99') => median(loads[name].map((load) => load[key]));
  const errors = (Object.keys(loads) as Target[]).filter((name) =>
    loads[name].some((load) => load.errors > 0),
  );
  if (errors.length > 0) {
    notes.push(`Non-2xx answers or timeouts in: ${errors.join(', ')}.`);
  }

  const ratio = (a: number, b: number) => a / b;
  const listRatio = ratio(rps('listGateway'), rps('listBare'));
  const filteredRatio = ratio(rps('filteredGateway'), rps('filteredBare'));
  rows.push({
    goal: '(a) `GET /api/coffees?limit=20&sort=-createdAt` through the gateway ÷ bare node:http + pg',
    measured: `${fixed(listRatio, 2)}× (${fixed(rps('listGateway'), 0)} vs ${fixed(rps('listBare'), 0)} req/s; p99 ${fixed(p('listGateway', 'p99'))} ms)`,
    target: '≥ 0.75×',
    met: listRatio >= 0.75,
  });
  rows.push({
    goal: '(a) the same with two filters and `search`',
    measured: `${fixed(filteredRatio, 2)}× (${fixed(rps('filteredGateway'), 0)} vs ${fixed(rps('filteredBare'), 0)} req/s)`,
    target: '≥ 0.75×',
    met: filteredRatio >= 0.75,
  });
  const gatewayCost = 1 - ratio(rps('listGateway'), rps('listDirect'));
  rows.push({
    goal: 'Node gateway’s cost: the list route through it vs at catalog-service’s own port',
    measured: `${fixed(gatewayCost * 100, 0)} % (${fixed(rps('listGateway'), 0)} vs ${fixed(rps('listDirect'), 0)} req/s)`,
    target: '≤ 15 %',
    met: gatewayCost <= 0.15,
  });
  const textbookRatio = ratio(rps('listGateway'), rps('listTextbook'));
  rows.push({
    goal: '(b) the list route ÷ textbook NestJS + Express + TypeORM `getManyAndCount`',
    measured: `${fixed(textbookRatio, 1)}× (${fixed(rps('listGateway'), 0)} vs ${fixed(rps('listTextbook'), 1)} req/s; textbook p99 ${fixed(p('listTextbook', 'p99'), 0)} ms)`,
    target: '≥ 3×',
    met: textbookRatio >= 3,
  });
  rows.push({
    goal: `(c) \`GET /api/search?q=\` over ${SEARCH_QUERIES.length} queries in turn (${SEARCH_QUERIES.slice(0, 3).join(', ')}…), each ranked afresh (\`Cache-Control: no-cache\`), 20 clients, ${ITEMS.toLocaleString('en')} items`,
    measured: `p50 ${fixed(p('search', 'p50'))} ms, p99 ${fixed(p('search', 'p99'))} ms (${fixed(rps('search'), 0)} req/s)`,
    target: 'p99 ≤ 50 ms',
    met: p('search', 'p99') <= 50,
  });
  rows.push({
    goal: '(c) the same searches as clients send them, answered from the page cache when recent',
    measured: `p50 ${fixed(p('searchCached', 'p50'))} ms, p99 ${fixed(p('searchCached', 'p99'))} ms (${fixed(rps('searchCached'), 0)} req/s)`,
    target: 'p99 ≤ 50 ms',
    met: p('searchCached', 'p99') <= 50,
  });
  rows.push({
    goal: `(d) a cursor page ${deepRows.toLocaleString('en')} rows deep through the gateway, one client (500,000 where the coffees reach that deep)`,
    measured: `p50 ${fixed(p('cursor', 'p50'), 2)} ms, p99 ${fixed(p('cursor', 'p99'), 2)} ms (first page p99 ${fixed(p('firstPage', 'p99'), 2)} ms); 10 clients: p50 ${fixed(p('cursorLoaded', 'p50'), 2)} ms, p99 ${fixed(p('cursorLoaded', 'p99'), 2)} ms (${fixed(rps('cursorLoaded'), 0)} req/s)`,
    target: 'p99 ≤ 10 ms',
    met: p('cursor', 'p99') <= 10,
  });
}

async function measureEvents(deepClient: pg.Client): Promise<void> {
  // (f) commit → consumer effect over Kafka: auth.user.registered.v1 written to auth's outbox, 200 a second,
  // each in its own transaction; the effect is social-service's inbox row (same transaction as the profile).
  log('(f) events over Kafka');
  const EVENTS = EVENT_COUNT;
  // The first second's events warm the path up (pooled connections, JIT) and are not counted: the goal is
  // the steady rate. The bench log prints how the counted ones started too.
  const WARM_UP = 200;
  const eventIds: string[] = [];
  const firstAt = performance.now();
  for (let index = 0; index < WARM_UP + EVENTS; index += 1) {
    const wait = firstAt + index * 5 - performance.now();
    if (wait > 0) {
      await sleep(wait);
    }
    const id = randomUUID();
    const userId = randomUUID();
    if (index >= WARM_UP) {
      eventIds.push(id);
    }
    await deepClient.query(
      // As OutboxWriter does: the row and the relay's wake-up in one transaction.
      `WITH event AS (
         INSERT INTO auth.outbox (id, topic, key, payload) VALUES ($1, 'auth.user.registered.v1', $2, $3) RETURNING id
       )
       SELECT pg_notify($4, '') FROM event`,
      [
        id,
        userId,
        {
          userId,
          email: `kafka${index}.${runTag}@example.com`,
          login: `kafka${index}_${runTag % 100000}`,
          registeredAt: new Date().toISOString(),
        },
        outboxChannel(SERVICES.auth.schema),
      ],
    );
  }
  const eventDeadline = Date.now() + 120_000;
  let latencies: number[] = [];
  while (Date.now() < eventDeadline) {
    latencies = (
      await deepClient.query<{ ms: number }>(
        `SELECT extract(epoch FROM (i.received_at - o.created_at)) * 1000 AS ms
         FROM auth.outbox o JOIN social.inbox i ON i.event_id = o.id WHERE o.id = ANY($1::uuid[]) ORDER BY o.created_at`,
        [eventIds],
      )
    ).rows.map((row) => Number(row.ms));
    if (latencies.length === EVENTS) {
      break;
    }
    await sleep(500);
  }
  const eventP99 = latencies.length === EVENTS ? percentile(latencies, 99) : NaN;
  // Where the time goes: commit → the relay's claim (its transaction's start) → the consumer's inbox row.
  const split = (
    await deepClient.query<{ relay: number; consume: number }>(
      `SELECT extract(epoch FROM (o.sent_at - o.created_at)) * 1000 AS relay,
              extract(epoch FROM (i.received_at - o.sent_at)) * 1000 AS consume
       FROM auth.outbox o JOIN social.inbox i ON i.event_id = o.id WHERE o.id = ANY($1::uuid[])`,
      [eventIds],
    )
  ).rows;
  log(
    `(f) commit → relay claim p50 ${fixed(
      percentile(
        split.map((row) => Number(row.relay)),
        50,
      ),
    )} ms, p99 ${fixed(
      percentile(
        split.map((row) => Number(row.relay)),
        99,
      ),
    )} ms; claim → inbox p50 ${fixed(
      percentile(
        split.map((row) => Number(row.consume)),
        50,
      ),
    )} ms, p99 ${fixed(
      percentile(
        split.map((row) => Number(row.consume)),
        99,
      ),
    )} ms; first 100 events p99 ${fixed(percentile(latencies.slice(0, 100), 99))} ms`,
  );
  rows.push({
    goal: '(f) event commit → consumer effect over Kafka at 200 events/s',
    measured:
      latencies.length === EVENTS
        ? `p50 ${fixed(percentile(latencies, 50))} ms, p99 ${fixed(eventP99)} ms (${EVENTS} events)`
        : `${latencies.length} of ${EVENTS} events consumed within 2 min`,
    target: 'p99 ≤ 50 ms',
    met: latencies.length === EVENTS ? eventP99 <= 50 : false,
  });
}

/**
 * (social) the home feed as production serves it: nginx (the generated config, as compose runs it) in front of
 * auth-service and social-service, each in its own process (`npm run start:service`'s flags), on Kafka.
 */
async function measureFeedInProductionShape(): Promise<void> {
  log('(social) the feed in the production shape: nginx, auth-service and social-service processes');
  const work = path.join(DATA_DIR, 'nginx');
  const services: ChildProcess[] = [];
  let nginx: RunningNginx | undefined;
  const db = new pg.Client({ connectionString: BENCH_DB });
  await db.connect();
  try {
    // wrk sends every request from one address: the per-address `api` zone (100 r/s) would answer 429.
    nginx = await startNginx(
      work,
      Object.fromEntries(SERVICE_NAMES.map((name) => [name, `127.0.0.1:${SERVICE_PORTS[name]}`])) as Record<
        ServiceName,
        string
      >,
      { api: { rate: '1000000r/s', burst: 1_000_000 } },
    );
    for (const name of ['auth', 'social'] as const) {
      services.push(await startServiceProcess(name));
    }
    const context = socialContext(db, nginx.url, `http://127.0.0.1:${SERVICE_PORTS.social}`);
    rows.push(...(await measureFeed(context, 'production shape: nginx, social-service in its own process')));
  } finally {
    for (const service of services) {
      await stop(service);
    }
    await nginx?.stop();
    await db.end();
  }
}

/**
 * A service in its own process, as `npm run start:service`, the Dockerfile and compose run it (the distributed
 * shape), on Kafka and its own database role; resolves once it answers /health.
 */
async function startServiceProcess(name: ServiceName): Promise<ChildProcess> {
  const secrets = JSON.parse(readFileSync(path.join(DATA_DIR, 'secrets.json'), 'utf8')) as {
    rolePasswords: Record<string, string>;
  };
  const schema = SERVICES[name].schema;
  const databaseUrl = new URL(BENCH_DB);
  databaseUrl.username = `agora_${schema}`;
  databaseUrl.password = secrets.rolePasswords[schema] ?? '';
  const child = start(
    `apps/${name}-service/src/main.js`,
    {
      PORT: String(SERVICE_PORTS[name]),
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl.toString(),
      BUS: 'kafka',
      KAFKA_BROKERS,
      JWKS_URL: `http://127.0.0.1:${SERVICE_PORTS.auth}/.well-known/jwks.json`,
      LOG_LEVEL: 'warn',
      MAIL_DIR: path.join(DATA_DIR, 'mail'),
      MEDIA_DIR: path.join(DATA_DIR, 'media'),
    },
    `${name}-service`,
  );
  await waitUntilOk(`http://127.0.0.1:${SERVICE_PORTS[name]}/health`, 60_000, child);
  return child;
}

async function measureIdleRss(): Promise<void> {
  // (e) idle RSS of each service on its own (the distributed shape), on Kafka.
  log('(e) the distributed shape: each service in its own process');
  const rss: Record<string, number> = {};
  const services: ChildProcess[] = [];
  try {
    for (const name of SERVICE_NAMES) {
      services.push(await startServiceProcess(name));
    }
    // Idle means settled: V8's memory reducer gives the start-up garbage back only after the heap has been
    // quiet for several seconds (README "Memory"), so each process is read after IDLE_SETTLE_MS without requests.
    await sleep(IDLE_SETTLE_MS);
    for (const [index, name] of SERVICE_NAMES.entries()) {
      const status = readFileSync(`/proc/${services[index].pid}/status`, 'utf8');
      rss[name] = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
    }
    const worst = Math.max(...Object.values(rss));
    rows.push({
      goal: '(e) idle RSS of each service in the distributed shape',
      measured: Object.entries(rss)
        .map(([name, mb]) => `${name} ${fixed(mb, 0)}`)
        .join(', ')
        .concat(` MB (after ${IDLE_SETTLE_MS / 1000} s idle)`),
      target: '≤ 120 MB each',
      met: worst <= 120,
    });
  } catch (error) {
    rows.push({
      goal: '(e) idle RSS of each service in the distributed shape',
      measured: `not measured: ${error instanceof Error ? error.message : String(error)}`,
      target: '≤ 120 MB each',
      met: null,
    });
  } finally {
    for (const service of services) {
      await stop(service);
    }
  }
}

function report(): void {
  const cpus = execFileSync('nproc', { encoding: 'utf8' }).trim();
  const table = [
    '| Goal | Measured (median of rounds) | Target | Met |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.goal} | ${row.measured} | ${row.target} | ${row.met === null ? '—' : row.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
  const text = `# Benchmark results

Written by \`npm run bench\` (bench/bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus} CPU
cores, ${ITEMS.toLocaleString('en')} catalog items (38 % coffees, 36 % watches, 26 % listings) and
${USERS.toLocaleString('en')} users seeded by bulk SQL ${reused ? `earlier (kept with --keep=${KEEP})` : `in ${seedSeconds.toFixed(0)} s`}, ${ROUNDS} alternating rounds of
wrk (${SECONDS} s each; 10 clients, 20 for search); the platform as \`npm start\` runs it (embedded, Node gateway) on
the local PostgreSQL, with Kafka for (f) (after one uncounted second of 200 warm-up events); the feed also as
production runs it: nginx in front of auth-service and social-service, each in its own process.

<!-- results-table -->
${table}
<!-- /results-table -->

${[
  'Absolute figures are noisy on a 2-core machine (anything else running shifts them); the ratios come from alternating rounds, which spreads that noise over every target alike.',
  'The bare handler (bench/bare-server.ts) is called at its own port, without the gateway hop catalog-service pays: (a) is therefore stricter than a gateway-to-gateway comparison; the gateway’s own cost is the row after it.',
  'The textbook handler (bench/textbook-server.ts) is also called without the gateway.',
  ...notes,
]
  .map((note) => `- ${note}`)
  .join('\n')}
`;
  console.log(`\n${table}\n`);
  if (ONLY.size > 0) {
    log(
      `done in ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min (--only: RESULTS.md untouched)`,
    );
    return;
  }
  writeFileSync(path.join(root, 'bench', 'RESULTS.md'), text);
  // The README shows the latest table between the same markers.
  const readmePath = path.join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  writeFileSync(
    readmePath,
    readme.replace(
      /<!-- results-table -->[\s\S]*?<!-- \/results-table -->/,
      `<!-- results-table -->\n${table}\n<!-- /results-table -->`,
    ),
  );
  // Formatted as `npm run check` wants them.
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'prettier'),
    ['--write', 'bench/RESULTS.md', 'README.md'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  log(
    `done in ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min; bench/RESULTS.md and the README's table written`,
  );
}
