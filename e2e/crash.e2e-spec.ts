import { ALL_TOPICS, deadLetterTopic, type ServiceName } from '@agora/contracts';
import { outboxChannel } from '@agora/database';
import { eventually, queryRows } from '@agora/testing';
import kafkajs from 'kafkajs';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { planCrashRun, type CrashPlan, type Fault, type Step } from './support/crash-workload.js';
import { DistributedPlatform } from './support/distributed-platform.js';

/**
 * `npm test` runs a short variant (a few hundred events, one broker restart, a couple of SIGKILLs);
 * `npm run test:soak` the full one (CRASH_SOAK=1: 10,000 events, two broker restarts, a dozen SIGKILLs).
 * CRASH_SEED replays a run: the seed fixes the workload and where the faults hit.
 */
const soak = process.env.CRASH_SOAK === '1';
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);
const size = soak
  ? { events: 10_000, brokerRestarts: 2, consumerKills: 4, kills: 6 }
  : { events: 360, brokerRestarts: 1, consumerKills: 1, kills: 0 };
/** Requests in flight at once: fewer than a service's connection pool (DATABASE_POOL_SIZE, 10). */
const WORKERS = 8;
/** Steps started per second at most, so that events keep flowing while the faults play out. */
const RATE = soak ? 40 : 6;
/** How far past a fault's point the workload may run before that fault has begun. */
const FAULT_SLACK = 20;
const ADMIN = { email: 'root@example.com', password: 'root admin passphrase' };
const PASSWORD = 'correct horse battery';

/** Consumers whose inbox must hold exactly the events of these topics, from this producer's outbox. */
const INBOXES = [
  {
    consumer: 'social.profiles',
    schema: 'social',
    producer: 'auth',
    topics: [
      'auth.user.registered.v1',
      'auth.user.verified.v1',
      'auth.user.updated.v1',
      'auth.user.deleted.v1',
    ],
  },
  { consumer: 'catalog.collections', schema: 'catalog', producer: 'auth', topics: ['auth.user.deleted.v1'] },
  {
    consumer: 'catalog.photos',
    schema: 'catalog',
    producer: 'media',
    topics: ['media.media.uploaded.v1', 'media.media.deleted.v1'],
  },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (url: string, sql: string, params: unknown[] = []) =>
  Number((await queryRows<{ count: string }>(url, sql, params))[0].count);

/**
 * Crashes on the distributed shape: events cross services through real Kafka while SIGKILL hits producers
 * (auth, media: their requests and relays) and consumers (social, catalog) at seeded points and the broker
 * restarts. Afterwards every outbox row is sent, every inbox holds exactly one row per event, and the effects
 * that are NOT idempotent by key — each profile's version, +1 in the transaction of every applied rename or
 * verification — equal the events: none lost, none applied twice.
 */
describe(`crash suite (seed ${seed}${soak ? ', soak' : ''}: replay with CRASH_SEED=${seed})`, () => {
  const platform = new DistributedPlatform({
    sharedUrl: inject('testDatabaseUrl'),
    name: 'crash',
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // A transient failure must not dead-letter what a restart would have delivered.
      MESSAGING_MAX_ATTEMPTS: '20',
      MESSAGING_RETRY_BASE_MS: '100',
      // One client registers every account and uploads every media of the run.
      REGISTRATION_MAX_PER_IP: '1000000',
      UPLOADS_MAX_PER_USER: '1000000',
      UPLOADS_MAX_PER_IP: '1000000',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `agora-e2e-crash-${process.pid}:`,
    },
  });
  const plan: CrashPlan = planCrashRun(seed, size);
  const log: string[] = [];
  const note = (line: string) => log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);

  beforeAll(async () => {
    console.log(
      `crash suite: seed ${seed} (replay: CRASH_SEED=${seed}${soak ? ' npm run test:soak' : ' npx vitest run --project e2e e2e/crash.e2e-spec.ts'}), ` +
        `${plan.steps.length} steps, faults: ${plan.faults.map(describeFault).join('; ')}`,
    );
    await platform.start();
  });

  afterAll(async () => {
    await platform.close();
  });

  it('loses nothing and applies nothing twice', { timeout: soak ? 3_600_000 : 300_000 }, async () => {
    const gateway = `${platform.gateway}/api`;
    const { adminUrl } = platform;
    let adminToken = '';
    /** Every attempt of the step a worker runs, for the report of a step that hangs. */
    const trace = new AsyncLocalStorage<string[]>();

    /**
     * One request until it gets an answer from the service: 502/503/504 (a service down), 429 and lost
     * connections are retried; a 500 is an answer (a bug the suite reports).
     */
    const request = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const deadline = Date.now() + 300_000;
      const attempts: string[] = [];
      for (let attempt = 0; ; attempt += 1) {
        const sentAt = Date.now();
        const reply = await fetch(`${gateway}${path}`, {
          method,
          headers: {
            ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
            ...(body !== undefined && !(body instanceof FormData)
              ? { 'content-type': 'application/json' }
              : {}),
            ...headers,
          },
          body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        }).catch(() => undefined);
        const status = reply?.status ?? 0;
        const text = reply ? await reply.text().catch(() => '') : '';
        attempts.push(`${status} in ${Date.now() - sentAt} ms`);
        trace
          .getStore()
          ?.push(
            `${new Date().toISOString().slice(11, 23)} ${method} ${path} → ${status} in ${Date.now() - sentAt} ms`,
          );
        if (status === 401 && path !== '/authentication' && Date.now() < deadline) {
          // A restarted service fetching auth's keys while auth was down; or the token expired.
          await sleep(500);
          if (attempt % 5 === 4) {
            await signIn();
          }
          continue;
        }
        const retryable = status === 0 || status === 429 || status > 500;
        if (retryable && Date.now() < deadline) {
          const retryAfter = Number(reply?.headers.get('retry-after') ?? 0);
          await sleep(retryAfter > 0 ? retryAfter * 1_000 : Math.min(100 * 2 ** attempt, 2_000));
          continue;
        }
        if (retryable) {
          note(
            `${method} ${path}: no answer after ${attempts.length} attempts: ${attempts.slice(-8).join(', ')}`,
          );
        }
        return { status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
      }
    };
    const signIn = async () => {
      const reply = await request('POST', '/authentication', {
        login: ADMIN.email,
        password: ADMIN.password,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      adminToken = String(reply.body.accessToken);
    };
    const expectStatus = (reply: { status: number; body: unknown }, step: Step, ...allowed: number[]) => {
      if (!allowed.includes(reply.status)) {
        throw new Error(
          `${step.kind} (chain ${step.chain}) answered ${reply.status}: ${JSON.stringify(reply.body)}`,
        );
      }
    };

    await signIn();
    const adminId = String((await request('GET', '/me')).body.id);

    // ── the workload: W workers take the first step whose chain is idle and ready ──────────────────────
    const chainIds = new Map<number, string>();
    const busy = new Set<number>();
    const knownToCatalog = new Set<string>();
    const pending = [...plan.steps];
    let done = 0;
    let workloadOver = false;
    /** Producers whose steps wait (their outbox is locked for a relay window), and their requests in flight. */
    const paused = new Set<ServiceName>();
    const inFlight: Record<string, number> = { auth: 0, media: 0 };
    const producerOf = (step: Step): 'auth' | 'media' =>
      step.kind === 'upload' || step.kind === 'delete-media' ? 'media' : 'auth';
    const ready = (step: Step) =>
      !busy.has(step.chain) &&
      !paused.has(producerOf(step)) &&
      // A media is deleted only once catalog has its upload: catalog applies media.uploaded and
      // media.deleted (two topics, no order between them) as they come, so a deletion that overtakes the
      // upload would leave an owner row behind (see the suite's report).
      (step.kind !== 'delete-media' || knownToCatalog.has(chainIds.get(step.chain) ?? ''));
    const execute = async (step: Step): Promise<void> => {
      const id = chainIds.get(step.chain) ?? '';
      switch (step.kind) {
        case 'register': {
          const email = `${step.login}@example.com`;
          const reply = await request('POST', '/registration', {
            email,
            login: step.login,
            password: PASSWORD,
          });
          expectStatus(reply, step, 201, 409);
          if (reply.status === 201) {
            chainIds.set(step.chain, String(reply.body.id));
          } else {
            // An earlier attempt committed but its answer was lost with the process.
            const found = await request('GET', `/users?filter[login]=${step.login}`);
            const items = found.body.items as { id: string }[];
            expect(items, `registration of ${step.login} answered 409 and is not there`).toHaveLength(1);
            chainIds.set(step.chain, items[0].id);
          }
          return;
        }
        case 'verify':
          return expectStatus(await request('PATCH', `/users/${id}`, { verified: true }), step, 200);
        case 'rename':
          return expectStatus(await request('PATCH', `/users/${id}`, { login: step.login }), step, 200);
        case 'delete-user':
          return expectStatus(await request('DELETE', `/users/${id}`), step, 204, 404);
        case 'upload': {
          const form = new FormData();
          form.append(
            'file',
            new Blob([await uniqueImage(step.chain, step.color)], { type: 'image/png' }),
            'm.png',
          );
          const reply = await request('POST', '/media', form);
          expectStatus(reply, step, 201, 200);
          chainIds.set(step.chain, String(reply.body.id));
          return;
        }
        case 'delete-media':
          return expectStatus(await request('DELETE', `/media/${id}`), step, 204, 404);
      }
    };
    const running = new Map<number, { step: Step; since: number; attempts: string[] }>();
    /** The steps in flight for longer than `ms`, with their attempts. */
    const slowSteps = (ms: number) =>
      [...running.values()]
        .filter(({ since }) => Date.now() - since > ms)
        .map(
          ({ step, since, attempts }) =>
            `${step.kind} (chain ${step.chain}) for ${Math.round((Date.now() - since) / 1000)} s: ${attempts.slice(-6).join('; ')}`,
        );
    let handedOut = 0;
    let workloadStart = 0;
    let aborted = false;
    /**
     * The point of the next fault not yet begun: the workload runs at most FAULT_SLACK steps past it, so a
     * fault delayed by the one before it still meets a workload (a broker fault needs new events to pile up).
     */
    let nextFaultAt = plan.faults[0]?.at ?? Infinity;
    const worker = async () => {
      while (pending.length > 0 && !aborted) {
        const due = workloadStart + (handedOut / RATE) * 1_000;
        const gated = handedOut >= nextFaultAt + FAULT_SLACK;
        const index = Date.now() >= due && !gated ? pending.findIndex(ready) : -1;
        if (index < 0) {
          await sleep(Math.max(10, Math.min(50, due - Date.now())));
          continue;
        }
        handedOut += 1;
        const [step] = pending.splice(index, 1);
        busy.add(step.chain);
        inFlight[producerOf(step)] += 1;
        const attempts: string[] = [];
        running.set(step.chain, { step, since: Date.now(), attempts });
        try {
          await trace.run(attempts, () => execute(step));
        } finally {
          busy.delete(step.chain);
          running.delete(step.chain);
          inFlight[producerOf(step)] -= 1;
          done += 1;
        }
      }
    };
    const watchCatalog = async () => {
      while (!workloadOver) {
        const rows = await queryRows<{ media_id: string }>(
          adminUrl,
          `SELECT media_id FROM catalog.media_owners`,
        ).catch(() => []);
        rows.forEach((row) => knownToCatalog.add(row.media_id));
        await sleep(300);
      }
    };

    // ── the faults, one after another at their seeded points ────────────────────────────────────────────
    /** A session of the test's own that holds a table lock until released. */
    const holdLock = async (table: string) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`LOCK TABLE ${table} IN SHARE MODE`);
      return {
        query: <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
          client.query<T>(sql, params).then((result) => result.rows),
        release: async () => {
          await client.query('ROLLBACK').catch(() => undefined);
          await client.end();
        },
      };
    };
    /** Resolves once a session waits for `table`'s lock running a statement that matches `statement`. */
    const waitsOnLock = (table: string, statement: string, what: string, timeoutMs: number) =>
      eventually(
        async () =>
          (await count(
            adminUrl,
            `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
              WHERE NOT l.granted AND l.relation = $1::regclass AND a.query ILIKE $2`,
            [table, statement],
          )) > 0
            ? true
            : undefined,
        timeoutMs,
        what,
      );
    const fail = async (fault: Fault, error: unknown): Promise<never> => {
      const sessions = await queryRows<Record<string, unknown>>(
        adminUrl,
        `SELECT application_name, state, wait_event_type, wait_event, left(query, 120) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      ).catch(() => []);
      const service = fault.kind === 'broker' ? fault.relay : fault.service;
      throw new Error(
        `${describeFault(fault)}: ${error instanceof Error ? error.message : String(error)}\n` +
          `sessions:\n${sessions.map((row) => JSON.stringify(row)).join('\n')}\n` +
          `${service}-service:\n${platform.output(service).split('\n').slice(-30).join('\n')}`,
      );
    };
    const chaos = async () => {
      for (const [index, fault] of plan.faults.entries()) {
        while (done < fault.at && pending.length > 0) {
          await sleep(20);
        }
        nextFaultAt = plan.faults[index + 1]?.at ?? Infinity;
        note(`step ${done}: ${describeFault(fault)}`);
        if (fault.kind === 'kill') {
          await platform.kill(fault.service);
          await sleep(fault.downMs);
          await platform.startService(fault.service, 'live');
          note(`${fault.service} back`);
        } else if (fault.kind === 'broker') {
          await platform.stopBroker(fault.how);
          await sleep(fault.downMs);
          // Events pile up unsent meanwhile; the lock lets the relay claim and publish them, not mark them.
          const outbox = `${fault.relay}.outbox`;
          await eventually(
            async () =>
              (await count(adminUrl, `SELECT count(*) FROM ${outbox} WHERE sent_at IS NULL`)) > 0
                ? true
                : undefined,
            30_000,
            `events unsent in ${outbox}`,
          ).catch((error: unknown) => fail(fault, error));
          // Its requests wait meanwhile: blocked inserts would hold the pool's connections the relay needs.
          paused.add(fault.relay);
          await eventually(
            () => Promise.resolve(inFlight[fault.relay] === 0 ? true : undefined),
            60_000,
            `${fault.relay}'s requests in flight`,
          ).catch((error: unknown) => fail(fault, `${String(error)}\n${slowSteps(10_000).join('\n')}`));
          const lock = await holdLock(outbox);
          try {
            const [{ count: unsentRows }] = await lock.query<{ count: string }>(
              `SELECT count(*) FROM ${outbox} WHERE sent_at IS NULL`,
            );
            note(`broker down; ${unsentRows} events unsent in ${outbox}`);
            await platform.startBroker();
            note('broker back');
            // Wake the relay from its back-off, as new events' commits would were the table not locked (a
            // wake-up during a failing attempt is lost in its back-off, hence every second).
            const waking = setInterval(() => {
              void queryRows(adminUrl, `SELECT pg_notify($1, '')`, [outboxChannel(fault.relay)]).catch(
                () => undefined,
              );
            }, 1_000);
            await waitsOnLock(
              outbox,
              'UPDATE%sent_at%',
              `${fault.relay}'s relay marking published rows`,
              60_000,
            )
              .catch((error: unknown) => fail(fault, error))
              .finally(() => clearInterval(waking));
            note(`${fault.relay}'s relay published and waits to mark the rows sent: SIGKILL`);
            await platform.kill(fault.relay);
          } finally {
            await lock.release();
          }
          await platform.startService(fault.relay, 'live');
          paused.delete(fault.relay);
          note(`${fault.relay} back`);
        } else {
          const inbox = `${fault.service === 'social' ? 'social' : 'catalog'}.inbox`;
          // Events waiting for this consumer: published or not, not yet in its inbox.
          const backlog = () =>
            Promise.all(
              INBOXES.filter(({ schema }) => schema === fault.service).map(
                ({ consumer, schema, producer, topics }) =>
                  count(
                    adminUrl,
                    `SELECT count(*) FROM ${producer}.outbox o WHERE o.topic = ANY($1) AND NOT EXISTS
                     (SELECT 1 FROM ${schema}.inbox i WHERE i.event_id = o.id AND i.consumer = $2)`,
                    [topics, consumer],
                  ),
              ),
            ).then((counts) => counts.reduce((sum, value) => sum + value, 0));
          const hold = await holdLock(inbox);
          let before = 0;
          try {
            await sleep(fault.backlogMs);
            // More waiting than it may apply before the kill, so the kill lands inside the catch-up.
            await eventually(
              async () => ((await backlog()) >= fault.appliedBeforeKill + 5 ? true : undefined),
              20_000,
              'a backlog',
            ).catch(() =>
              note(`${fault.service}: a small backlog only (${fault.appliedBeforeKill + 5} wanted)`),
            );
            before = Number((await hold.query<{ count: string }>(`SELECT count(*) FROM ${inbox}`))[0].count);
          } finally {
            await hold.release();
          }
          note(`${fault.service} held from step ${fault.at} at ${before} inbox rows; let go`);
          await eventually(
            async () =>
              (await count(adminUrl, `SELECT count(*) FROM ${inbox}`)) >= before + fault.appliedBeforeKill
                ? true
                : undefined,
            30_000,
            `${fault.service} applying ${fault.appliedBeforeKill} events`,
          ).catch(() => note(`${fault.service} applied fewer than ${fault.appliedBeforeKill}`));
          const stop = await holdLock(inbox);
          try {
            await waitsOnLock(inbox, 'INSERT%inbox%', `${fault.service} blocked mid-batch`, 5_000).catch(() =>
              note(`${fault.service} was not waiting on its inbox (batch done?)`),
            );
            const applied = Number(
              (await stop.query<{ count: string }>(`SELECT count(*) FROM ${inbox}`))[0].count,
            );
            note(`${fault.service} applied ${applied - before} since; SIGKILL mid-batch`);
            await platform.kill(fault.service);
          } finally {
            await stop.release();
          }
          await platform.startService(fault.service, 'live');
          note(`${fault.service} back`);
        }
      }
    };

    const started = Date.now();
    workloadStart = started;
    const watching = watchCatalog();
    await Promise.all([...Array.from({ length: WORKERS }, worker), chaos()])
      .catch((error: unknown) => {
        aborted = true;
        console.log(
          [
            `crash suite failed mid-run (seed ${seed}) at step ${done}:`,
            ...log,
            'steps in flight for over 10 s:',
            ...slowSteps(10_000),
            ...(['auth', 'social', 'media', 'catalog'] as const).map(
              (name) =>
                `── last lines of ${name}-service ──\n${platform
                  .output(name)
                  .split('\n')
                  .filter(
                    (line) => !line.includes('"request completed"') && !line.includes('"event handled"'),
                  )
                  .slice(-15)
                  .map((line) => line.slice(0, 300))
                  .join('\n')}`,
            ),
          ].join('\n'),
        );
        throw error;
      })
      .finally(() => {
        workloadOver = true;
      });
    await watching;
    note(`workload done: ${done} steps in ${Math.round((Date.now() - started) / 1000)} s`);

    // ── converge: every outbox sent, every inbox complete ───────────────────────────────────────────────
    const unsent = async () => {
      const counts: Record<string, number> = {};
      for (const schema of ['auth', 'social', 'media', 'catalog', 'orders']) {
        counts[schema] = await count(adminUrl, `SELECT count(*) FROM ${schema}.outbox WHERE sent_at IS NULL`);
      }
      return counts;
    };
    const inboxGaps = async () =>
      Promise.all(
        INBOXES.map(async ({ consumer, schema, producer, topics }) => ({
          consumer,
          missing: await count(
            adminUrl,
            `SELECT count(*) FROM ${producer}.outbox o WHERE o.topic = ANY($1) AND NOT EXISTS
               (SELECT 1 FROM ${schema}.inbox i WHERE i.event_id = o.id AND i.consumer = $2)`,
            [topics, consumer],
          ),
          extra: await count(
            adminUrl,
            `SELECT count(*) FROM ${schema}.inbox i WHERE i.consumer = $2 AND i.topic = ANY($1) AND NOT EXISTS
               (SELECT 1 FROM ${producer}.outbox o WHERE o.id = i.event_id)`,
            [topics, consumer],
          ),
        })),
      );
    const convergeBy = Date.now() + 240_000;
    for (;;) {
      const [outboxes, inboxes] = [await unsent(), await inboxGaps()];
      const settled =
        Object.values(outboxes).every((value) => value === 0) && inboxes.every((gap) => gap.missing === 0);
      if (settled || Date.now() > convergeBy) {
        note(
          `converged: ${settled} (unsent ${JSON.stringify(outboxes)}, inbox gaps ${JSON.stringify(inboxes)})`,
        );
        break;
      }
      await sleep(500);
    }

    // ── what the faults did: copies the relays published twice, deliveries the inboxes absorbed ────────
    const events = await queryRows<{ topic: string; count: string }>(
      adminUrl,
      `SELECT topic, count(*) FROM (SELECT topic FROM auth.outbox UNION ALL SELECT topic FROM media.outbox) t
        GROUP BY topic ORDER BY topic`,
    );
    const totalEvents = events.reduce((sum, row) => sum + Number(row.count), 0);
    const kafka = new kafkajs.Kafka({ brokers: [platform.brokers], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const messagesIn = async (topic: string) =>
      (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
    let republished = 0;
    for (const row of events) {
      republished += (await messagesIn(row.topic)) - Number(row.count);
    }
    const deadLettered: Record<string, number> = {};
    for (const topic of ALL_TOPICS) {
      const dead = await messagesIn(deadLetterTopic(topic));
      if (dead > 0) {
        deadLettered[topic] = dead;
      }
    }
    await admin.disconnect();
    // Deliveries of the inbox topics each consumer logged (every incarnation), less the events applied.
    const delivered = INBOXES.reduce((sum, { schema, topics }) => {
      const service = schema as ServiceName;
      return (
        sum +
        platform
          .output(service)
          .split('\n')
          .filter(
            (line) =>
              line.includes('"msg":"event handled"') &&
              topics.some((topic) => line.includes(`"topic":"${topic}"`)),
          ).length
      );
    }, 0);
    let inboxRows = 0;
    for (const { consumer, schema, topics } of INBOXES) {
      inboxRows += await count(
        adminUrl,
        `SELECT count(*) FROM ${schema}.inbox WHERE consumer = $1 AND topic = ANY($2)`,
        [consumer, topics],
      );
    }
    const redelivered = delivered - inboxRows;

    // ── the verdict ────────────────────────────────────────────────────────────────────────────────────
    const versions = await queryRows<{ id: string; login: string; expected: number; actual: number | null }>(
      adminUrl,
      `SELECT u.id, u.login, 1 + (SELECT count(*) FROM auth.outbox o
                                  WHERE o.key = u.id::text
                                    AND o.topic IN ('auth.user.updated.v1', 'auth.user.verified.v1'))::int AS expected,
              p.version AS actual
         FROM auth.users u LEFT JOIN social.profiles p ON p.id = u.id`,
    );
    const lost = versions.filter((row) => row.actual === null || row.actual < row.expected);
    const doubled = versions.filter((row) => row.actual !== null && row.actual > row.expected);
    const mismatched = await queryRows<{ id: string }>(
      adminUrl,
      `SELECT u.id FROM auth.users u JOIN social.profiles p ON p.id = u.id
        WHERE p.login <> u.login OR p.verified <> u.verified`,
    );
    const revived = await count(
      adminUrl,
      `SELECT count(*) FROM social.profiles p WHERE NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = p.id)`,
    );
    const deletedAccounts = await count(
      adminUrl,
      `SELECT count(*) FROM auth.outbox WHERE topic = 'auth.user.deleted.v1'`,
    );
    const tombstones = await count(
      adminUrl,
      `SELECT count(*) FROM social.early_account_events WHERE deleted`,
    );
    const owners = {
      missing: await count(
        adminUrl,
        `SELECT count(*) FROM media.media m WHERE NOT EXISTS (SELECT 1 FROM catalog.media_owners o WHERE o.media_id = m.id)`,
      ),
      stale: await count(
        adminUrl,
        `SELECT count(*) FROM catalog.media_owners o WHERE NOT EXISTS (SELECT 1 FROM media.media m WHERE m.id = o.media_id)`,
      ),
    };
    const [outboxes, inboxes] = [await unsent(), await inboxGaps()];
    const crashed = (['auth', 'social', 'media', 'catalog', 'order'] as const).filter(
      (name) => platform.services[name].child.exitCode !== null,
    );

    const report = [
      `seed ${seed} (replay with CRASH_SEED=${seed}), ${plan.steps.length} steps, ${totalEvents} events:`,
      ...events.map((row) => `  ${row.topic}: ${row.count}`),
      `relays published ${republished} copies twice; consumers absorbed ${redelivered} redeliveries in their inboxes`,
      `profiles: ${versions.length - lost.length - doubled.length} right, ${lost.length} lost an effect, ${doubled.length} applied one twice`,
      ...[...lost, ...doubled]
        .slice(0, 10)
        .map((row) => `  ${row.login}: version ${row.actual} for ${row.expected}`),
      `unsent ${JSON.stringify(outboxes)}; inbox gaps ${JSON.stringify(inboxes)}; dead letters ${JSON.stringify(deadLettered)}`,
      `media owners: ${owners.missing} missing, ${owners.stale} stale; revived profiles ${revived}; tombstones ${tombstones}/${deletedAccounts}`,
      ...log,
    ].join('\n');
    console.log(report);
    if (lost.length + doubled.length > 0 || crashed.length > 0) {
      for (const name of crashed.length > 0 ? crashed : (['social'] as const)) {
        console.log(
          `── last lines of ${name}-service ──\n${platform.output(name).split('\n').slice(-40).join('\n')}`,
        );
      }
    }

    // Every step committed exactly one event, a verification two (auth.user.verified.v1, and
    // auth.user.updated.v1 with the flag); a retry after a lost answer commits nothing more.
    const bootstrapEvents = await count(adminUrl, `SELECT count(*) FROM auth.outbox WHERE key = $1`, [
      adminId,
    ]);
    const verifications = plan.steps.filter((step) => step.kind === 'verify').length;
    expect(totalEvents - bootstrapEvents, report).toBe(plan.steps.length + verifications);
    expect(crashed, report).toEqual([]);
    expect(outboxes, report).toEqual({ auth: 0, social: 0, media: 0, catalog: 0, orders: 0 });
    expect(inboxes, report).toEqual(INBOXES.map(({ consumer }) => ({ consumer, missing: 0, extra: 0 })));
    expect(deadLettered, report).toEqual({});
    expect(
      { lost: lost.length, doubled: doubled.length, mismatched: mismatched.length, revived },
      report,
    ).toEqual({
      lost: 0,
      doubled: 0,
      mismatched: 0,
      revived: 0,
    });
    expect(tombstones, report).toBe(deletedAccounts);
    // The faults hit their windows: the suite saw copies published twice and deliveries made twice.
    expect({ republished: republished > 0, redelivered: redelivered > 0 }, report).toEqual({
      republished: true,
      redelivered: true,
    });
    expect(owners, report).toEqual({ missing: 0, stale: 0 });
  });
});

function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'kill':
      return `SIGKILL ${fault.service} at step ${fault.at}, down ${fault.downMs} ms`;
    case 'broker':
      return `broker ${fault.how === 'kill' ? 'SIGKILL' : 'stop'} at step ${fault.at}, down ${fault.downMs} ms, then SIGKILL ${fault.relay}'s relay between publish and mark-sent`;
    case 'consumer':
      return `${fault.service} held ${fault.backlogMs} ms at step ${fault.at}, then SIGKILLed mid-batch after ${fault.appliedBeforeKill} events`;
  }
}

/** An 8×8 PNG whose first pixels spell the chain number: media-service deduplicates by content. */
function uniqueImage(chain: number, color: number): Promise<Buffer> {
  const pixels = Buffer.alloc(8 * 8 * 3);
  for (let index = 0; index < pixels.length; index += 3) {
    pixels.writeUIntBE(color, index, 3);
  }
  pixels.writeUInt32BE(chain, 0);
  return sharp(pixels, { raw: { width: 8, height: 8, channels: 3 } })
    .png()
    .toBuffer();
}
