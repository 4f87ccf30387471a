import type { EventEnvelope } from '@agora/contracts';
import { parseTraceparent, runWithRequestContext, SpanKind, Tracing } from '@agora/logging';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  createOutboxAndInboxTables,
  createServiceDataSource,
  Inbox,
  newId,
  OutboxRelay,
  OutboxWriter,
  provisionServiceSchemas,
  type EventPublisher,
} from '../src/index.js';

class MediumTestInit1764000000001 implements MigrationInterface {
  name = 'MediumTestInit1764000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mt_one"."notes" ("id" uuid PRIMARY KEY, "text" text NOT NULL)`);
    await createOutboxAndInboxTables(queryRunner, 'mt_one');
  }
  async down(): Promise<void> {}
}

class CapturingPublisher implements EventPublisher {
  readonly published: EventEnvelope[] = [];
  failNext = false;
  publish(events: readonly EventEnvelope[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('broker unavailable'));
    }
    this.published.push(...events);
    return Promise.resolve();
  }
}

const payload = (login: string) => ({
  userId: newId(),
  email: `${login}@example.com`,
  login,
  registeredAt: new Date().toISOString(),
});

describe('outbox, relay and inbox on real PostgreSQL', () => {
  const adminUrl = inject('testDatabaseUrl');
  const roleUrl = (role: string): string => {
    const url = new URL(adminUrl);
    url.username = role;
    return url.toString();
  };
  let dataSource: DataSource;
  const publisher = new CapturingPublisher();
  let relay: OutboxRelay;

  beforeAll(async () => {
    await provisionServiceSchemas(adminUrl, [
      { schema: 'mt_one', url: roleUrl('agora_mt_one') },
      { schema: 'mt_two', url: roleUrl('agora_mt_two') },
    ]);
    dataSource = createServiceDataSource({
      url: roleUrl('agora_mt_one'),
      schema: 'mt_one',
      entities: [],
      migrations: [MediumTestInit1764000000001],
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    relay = new OutboxRelay(dataSource, publisher, pino({ level: 'silent' }), {
      schema: 'mt_one',
      listenUrl: roleUrl('agora_mt_one'),
      pollIntervalMs: 60_000,
    });
  });

  afterAll(async () => {
    await relay.stop();
    await dataSource.destroy();
  });

  it('gives each service a role that cannot touch another service schema', async () => {
    const other = createServiceDataSource({
      url: roleUrl('agora_mt_two'),
      schema: 'mt_two',
      entities: [],
      migrations: [],
    });
    await other.initialize();
    try {
      await expect(other.query('SELECT * FROM "mt_one"."notes"')).rejects.toThrow(/permission denied/);
      await expect(other.query('CREATE TABLE public.sneaky (id int)')).rejects.toThrow(/permission denied/);
      await expect(other.query('CREATE TABLE "mt_two"."own" (id int)')).resolves.toBeDefined();
    } finally {
      await other.destroy();
    }
  });

  it('writes an event only when its transaction commits, and the relay publishes it once', async () => {
    const writer = new OutboxWriter('mt_one');
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'rolled back')`, [newId()]);
        await writer.add(manager, 'auth.user.registered.v1', 'k1', payload('ghost'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    const committed = payload('anna');
    // The writing request's trace (untraced here: the caller's traceparent passes through unchanged).
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const span = Tracing.off.startSpan('POST /x', SpanKind.SERVER, parseTraceparent(traceparent));
    await runWithRequestContext({ requestId: 'req-medium-1', span }, () =>
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'kept')`, [newId()]);
        await writer.add(manager, 'auth.user.registered.v1', committed.userId, committed);
      }),
    );
    expect(await relay.pendingCount()).toBe(1);

    publisher.failNext = true;
    await expect(relay.drain()).rejects.toThrow('broker unavailable');
    expect(await relay.pendingCount()).toBe(1);

    await relay.drain();
    await relay.drain();
    expect(await relay.pendingCount()).toBe(0);
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({
      topic: 'auth.user.registered.v1',
      key: committed.userId,
      requestId: 'req-medium-1',
      traceparent,
      payload: committed,
    });
  });

  /** A relay that never polls within a test (NOTIFY alone must wake it) and claims two rows a pass. */
  const startWakingRelay = async (): Promise<OutboxRelay> => {
    const relay = new OutboxRelay(dataSource, publisher, pino({ level: 'silent' }), {
      schema: 'mt_one',
      listenUrl: roleUrl('agora_mt_one'),
      pollIntervalMs: 60_000,
      batchSize: 2,
    });
    await relay.start();
    return relay;
  };

  it('wakes on the commit and drains in full batches until a claim comes back short', async () => {
    const writer = new OutboxWriter('mt_one');
    const small = await startWakingRelay();
    try {
      await vi.waitFor(async () => expect(await small.pendingCount()).toBe(0));
      const before = publisher.published.length;
      await dataSource.transaction(async (manager) => {
        for (let index = 0; index < 5; index += 1) {
          await writer.add(manager, 'auth.user.registered.v1', `batch-${index}`, payload(`batch${index}`));
        }
      });
      await vi.waitFor(async () => expect(await small.pendingCount()).toBe(0), { timeout: 5_000 });
      expect(publisher.published.slice(before).map((event) => event.key)).toEqual([
        'batch-0',
        'batch-1',
        'batch-2',
        'batch-3',
        'batch-4',
      ]);
    } finally {
      await small.stop();
    }
  });

  it('loses no wake-up that comes while a drain is ending: commits one after another all go out without a poll', async () => {
    const writer = new OutboxWriter('mt_one');
    const small = await startWakingRelay();
    try {
      await vi.waitFor(async () => expect(await small.pendingCount()).toBe(0));
      const before = publisher.published.length;
      // Each commit's NOTIFY lands somewhere in the previous one's drain, its last pass or its end.
      for (let index = 0; index < 60; index += 1) {
        await dataSource.transaction((manager) =>
          writer.add(manager, 'auth.user.registered.v1', `wake-${index}`, payload(`wake${index}`)),
        );
        await new Promise((resolve) => setTimeout(resolve, index % 4));
      }
      await vi.waitFor(async () => expect(await small.pendingCount()).toBe(0), { timeout: 5_000 });
      expect(publisher.published.length - before).toBe(60);
    } finally {
      await small.stop();
    }
  });

  it('refuses outbox writes outside a transaction', async () => {
    await expect(
      new OutboxWriter('mt_one').add(dataSource.manager, 'auth.user.registered.v1', 'k', payload('x')),
    ).rejects.toThrow(/open transaction/);
  });

  it('applies each event once per consumer, even when delivered concurrently', async () => {
    const inbox = new Inbox(dataSource, 'mt_one');
    const event: EventEnvelope = {
      id: newId(),
      topic: 'auth.user.registered.v1',
      key: 'k',
      occurredAt: new Date().toISOString(),
      payload: payload('bob'),
    };
    const apply = (manager: Parameters<Parameters<Inbox['consumeOnce']>[2]>[0]) =>
      manager
        .query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'from event')`, [newId()])
        .then(() => undefined);
    const results = await Promise.all([
      inbox.consumeOnce('notes', event, apply),
      inbox.consumeOnce('notes', event, apply),
      inbox.consumeOnce('notes', event, apply),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await inbox.consumeOnce('other-consumer', event, apply)).toBe(true);
    const rows: { count: string }[] = await dataSource.query(
      `SELECT count(*) FROM "mt_one"."notes" WHERE "text" = 'from event'`,
    );
    expect(Number(rows[0].count)).toBe(2);
  });

  it("keeps an event's inbox row and effects only when its handler succeeds, in the handler's transaction", async () => {
    const inbox = new Inbox(dataSource, 'mt_one');
    const writer = new OutboxWriter('mt_one');
    const event: EventEnvelope = {
      id: newId(),
      topic: 'auth.user.registered.v1',
      key: 'k',
      occurredAt: new Date().toISOString(),
      payload: payload('carol'),
    };
    const notes = async (text: string) =>
      Number(
        (
          await dataSource.query<{ count: string }[]>(
            `SELECT count(*) FROM "mt_one"."notes" WHERE "text" = $1`,
            [text],
          )
        )[0].count,
      );
    const pendingBefore = await relay.pendingCount();

    await expect(
      inbox.consumeOnce('notes', event, async (manager) => {
        await manager.query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'failed handler')`, [newId()]);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await notes('failed handler')).toBe(0);

    // The redelivery applies: an outbox write (it needs the open transaction) and a nested transaction that
    // fails roll back to their savepoint only.
    expect(
      await inbox.consumeOnce('notes', event, async (manager) => {
        await manager.query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'redelivered')`, [newId()]);
        await writer.add(manager, 'auth.user.registered.v1', 'k', payload('carol2'));
        await expect(
          manager.transaction(async (nested) => {
            await nested.query(`INSERT INTO "mt_one"."notes" VALUES ($1, 'nested')`, [newId()]);
            throw new Error('nested failed');
          }),
        ).rejects.toThrow('nested failed');
      }),
    ).toBe(true);
    expect(await notes('redelivered')).toBe(1);
    expect(await notes('nested')).toBe(0);
    expect(await relay.pendingCount()).toBe(pendingBefore + 1);
    expect(await inbox.consumeOnce('notes', event, () => Promise.reject(new Error('not run')))).toBe(false);

    // Every connection went back to the pool outside a transaction.
    const open = await dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM pg_stat_activity
        WHERE "datname" = current_database() AND "state" LIKE 'idle in transaction%' AND "pid" <> pg_backend_pid()`,
    );
    expect(Number(open[0].count)).toBe(0);
  });
});
