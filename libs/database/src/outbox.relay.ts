import type { EventEnvelope } from '@agora/contracts';
import { failSpan, formatTraceparent, parseTraceparent, SpanKind, Tracing, type Span } from '@agora/logging';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { outboxChannel } from './outbox.writer.js';
import { poolOf } from './service-data-source.js';

/** Implemented by @agora/messaging's bus: publishes and resolves only once the broker has them. */
export interface EventPublisher {
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

export interface OutboxRelayOptions {
  readonly schema: string;
  /** Connection for LISTEN; the relay also polls, so a lost notification only delays delivery. */
  readonly listenUrl: string;
  readonly pollIntervalMs: number;
  readonly batchSize?: number;
  /** A `publish <topic>` span per row, child of the span that wrote it (default: off). */
  readonly tracing?: Tracing;
}

/** Rows claimed and published per pass. */
const DEFAULT_BATCH_SIZE = 200;

/** Longest wait between two publish attempts while the bus fails. */
const MAX_BACKOFF_MS = 5_000;

interface OutboxRow {
  id: string;
  topic: EventEnvelope['topic'];
  key: string;
  payload: EventEnvelope['payload'];
  headers: { requestId?: string; traceparent?: string };
  created_at: Date;
}

/**
 * Publishes committed outbox rows in order and marks them sent. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so replicas can relay side by side; a failed publish rolls the claim back
 * and the rows go out on a later pass (at least once; consumers' inboxes drop the duplicates).
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  /** When the pending timer fires (epoch ms). */
  private timerDue = 0;
  private listener?: pg.Client;
  private draining?: Promise<void>;
  /** A drain loop is running: set and cleared synchronously with its decision to stop, so no wake-up falls between. */
  private looping = false;
  private drainAgain = false;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Events committed and not yet published, and how long the oldest has waited (0 when none waits). */
  async backlog(): Promise<{ readonly events: number; readonly oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query<{ events: number; age: number | null }[]>(
      `SELECT count(*)::int AS events, extract(epoch FROM clock_timestamp() - min("created_at"))::float8 AS age
         FROM "${this.options.schema}"."outbox" WHERE "sent_at" IS NULL`,
    );
    return { events: row.events, oldestAgeSeconds: Math.max(0, row.age ?? 0) };
  }

  /** Publishes everything pending now; resolves when the outbox is empty or a publish failed. */
  async drain(): Promise<void> {
    if (this.looping && this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.looping = true;
    const run: Promise<void> = this.drainLoop().finally(() => {
      if (this.draining === run) {
        this.draining = undefined;
      }
    });
    this.draining = run;
    return run;
  }

  /** Number of rows not yet published (for readiness checks and tests). */
  async pendingCount(): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM "${this.options.schema}"."outbox" WHERE "sent_at" IS NULL`,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /**
   * Passes until one claims less than a full batch: that claim saw every row committed before it began. A row
   * committed since then wakes the relay again (its NOTIFY sets `drainAgain`, or starts the next drain), so no
   * pass is spent finding the outbox empty; a lost notification waits for the poll.
   */
  private async drainLoop(): Promise<void> {
    const { batchSize = DEFAULT_BATCH_SIZE } = this.options;
    try {
      for (;;) {
        this.drainAgain = false;
        let published: number;
        do {
          published = await this.publishBatch();
        } while (published >= batchSize && !this.stopped);
        // Checked and cleared in one synchronous step: a NOTIFY after this starts a new drain.
        if (!this.drainAgain || this.stopped) {
          this.looping = false;
          return;
        }
      }
    } catch (error) {
      this.looping = false;
      throw error;
    }
  }

  /**
   * One pass: claim, publish, mark sent, in one transaction on a pooled connection. The claim goes out with
   * its BEGIN (two statements in one simple query), so a pass costs three round trips to PostgreSQL and one to
   * the broker: on a busy machine each round trip is what an event waits.
   */
  private async publishBatch(): Promise<number> {
    const { schema, batchSize = DEFAULT_BATCH_SIZE } = this.options;
    const pool = poolOf(this.dataSource);
    const client = await pool.connect();
    let open = false;
    let broken: Error | undefined;
    try {
      open = true;
      const [, claimed] = (await client.query(
        `BEGIN; SELECT "id", "topic", "key", "payload", "headers", "created_at" FROM "${schema}"."outbox"
          WHERE "sent_at" IS NULL ORDER BY "created_at", "id" LIMIT ${Math.trunc(batchSize)} FOR UPDATE SKIP LOCKED`,
      )) as unknown as [pg.QueryResult, pg.QueryResult<OutboxRow>];
      const rows = claimed.rows;
      if (rows.length === 0) {
        await client.query('COMMIT');
        open = false;
        return 0;
      }
      const spans = rows.map((row) => this.publishSpan(row));
      try {
        await this.publisher.publish(rows.map((row, index) => toEnvelope(row, spans[index])));
      } catch (error) {
        for (const span of spans) {
          failSpan(span, error);
          span.end();
        }
        throw error;
      }
      for (const span of spans) {
        span.end();
      }
      const ids = rows.map((row) => client.escapeLiteral(row.id)).join(', ');
      await client.query(
        `UPDATE "${schema}"."outbox" SET "sent_at" = now() WHERE "id" = ANY(ARRAY[${ids}]::uuid[])`,
      );
      // COMMIT on its own: a relay that dies before it is sent leaves the claim to roll back and go out again.
      // Sent with the UPDATE, the server would commit the mark even after the relay died mid-statement, which
      // is correct (the rows went out) but closes the window the crash suite kills a relay in.
      await client.query('COMMIT');
      open = false;
      return rows.length;
    } catch (error) {
      if (open) {
        // The claim goes back; a connection that cannot even roll back is dropped, not pooled.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The row's publish span (a producer span in the trace of the request that wrote it). */
  private publishSpan(row: OutboxRow): Span {
    return (this.options.tracing ?? Tracing.off).startSpan(
      `publish ${row.topic}`,
      SpanKind.PRODUCER,
      parseTraceparent(row.headers.traceparent),
      {
        'messaging.operation.type': 'send',
        'messaging.destination.name': row.topic,
        'messaging.message.id': row.id,
        ...(row.headers.requestId ? { 'agora.request_id': row.headers.requestId } : {}),
      },
    );
  }

  /**
   * Runs a drain after `delayMs`, unless one is already due sooner: a drain that ends and schedules the next
   * poll must not push back the wake-up a NOTIFY asked for meanwhile.
   */
  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) {
      return;
    }
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().then(
        () => {
          this.failures = 0;
          this.schedule(this.options.pollIntervalMs);
        },
        (error: unknown) => {
          this.failures += 1;
          // Capped at a few seconds: once the broker is back, events waiting in the outbox go out soon even
          // when no new commit wakes the relay.
          const backoff = Math.min(this.options.pollIntervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
          this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay: publish failed, will retry');
          this.schedule(backoff);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) {
      return;
    }
    const client = new pg.Client({
      connectionString: this.options.listenUrl,
      application_name: 'outbox-relay',
    });
    client.on('notification', () => {
      this.schedule(0);
    });
    client.on('error', (error) => {
      if (this.stopped) {
        return;
      }
      this.logger.warn({ err: error }, 'outbox relay: LISTEN connection lost, polling until it is back');
      this.listener = undefined;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.options.schema)}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay: LISTEN unavailable, polling only');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    }
  }
}

function toEnvelope(row: OutboxRow, span: Span): EventEnvelope {
  // The publish span is the consumer's parent; untraced, the writer's traceparent passes on unchanged.
  const traceparent = formatTraceparent(span.spanContext()) ?? row.headers.traceparent;
  return {
    id: row.id,
    topic: row.topic,
    key: row.key,
    occurredAt: row.created_at.toISOString(),
    ...(row.headers.requestId ? { requestId: row.headers.requestId } : {}),
    ...(traceparent ? { traceparent } : {}),
    payload: row.payload,
  };
}
