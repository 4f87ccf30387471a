import { currentRequestId, currentTraceparent } from '@agora/logging';
import {
  ALL_TOPICS,
  deadLetterTopic,
  MessageHeaders,
  type EventEnvelope,
  type Topic,
} from '@agora/contracts';
import kafkajs, { type Admin, type Consumer, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { ConsumerRestarts } from './consumer-restarts.js';
import { deliverWithRetry, PoisonMessageError, toError, type RetryPolicy } from './delivery.js';
import { EventConsumerServer } from './event-consumer.server.js';
import './kafkajs-idle-queue.js';
import type { MessageBus } from './message-bus.js';
import { DEFAULT_TOPIC_PARTITIONS } from './topics.config.js';

const { Kafka, logLevel } = kafkajs;
type KafkaClient = InstanceType<typeof Kafka>;

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly retry: RetryPolicy;
  /** How often readiness asks the broker for its metadata (default 2 s); one probe at a time. */
  readonly probeIntervalMs?: number;
  /** A probe not answered within this is a failure (default 1.5 s). */
  readonly probeTimeoutMs?: number;
  /** Create every topic and its `.dlq` on connect when missing (default true); see {@link ensureTopics}. */
  readonly ensureTopics?: boolean;
  /**
   * Longest a handled message's offset waits to be committed (default {@link COMMIT_INTERVAL_MS}). Commits go
   * out at most this often instead of after every fetched batch; a crash redelivers what was handled since the
   * last one, and the inboxes drop it.
   */
  readonly commitIntervalMs?: number;
}

function kafkaLogCreator(logger: Logger) {
  return () =>
    ({ level, log }: { level: kafkajs.logLevel; log: { message: string } & Record<string, unknown> }) => {
      const { message, ...extra } = log;
      const fields = { ...extra, component: 'kafkajs' };
      if (level === logLevel.ERROR) {
        logger.error(fields, message);
      } else if (level === logLevel.WARN) {
        logger.warn(fields, message);
      } else {
        logger.debug(fields, message);
      }
    };
}

/**
 * Creates every topic and its dead-letter topic; existing ones are left alone, so it is safe to run again
 * and from several processes at once (a topic another process created meanwhile counts as created).
 * Resolves with the names it created.
 */
export async function ensureTopics(
  brokers: readonly string[],
  topics: readonly string[] = ALL_TOPICS,
  partitions = DEFAULT_TOPIC_PARTITIONS,
): Promise<string[]> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: 'agora-admin', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics
      .flatMap((topic) => [topic, deadLetterTopic(topic)])
      .filter((topic) => !existing.has(topic));
    if (wanted.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
    return wanted;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Raises every topic (and .dlq) with fewer than `partitions` partitions to that many, so more replicas of a
 * consumer group share the work. Kafka never removes partitions, and a key's partition changes with the count:
 * events of one aggregate published before and after may be read out of order once (consumers are idempotent
 * and version-checked, ADR 0005). Resolves with `topic: before → after` for each one grown.
 */
export async function growTopicPartitions(
  brokers: readonly string[],
  partitions: number,
  topics: readonly string[] = ALL_TOPICS,
): Promise<string[]> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: 'agora-admin', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    const short = metadata.topics.filter((topic) => topic.partitions.length < partitions);
    if (short.length > 0) {
      await admin.createPartitions({
        validateOnly: false,
        topicPartitions: short.map((topic) => ({ topic: topic.name, count: partitions })),
      });
    }
    return short.map((topic) => `${topic.name}: ${topic.partitions.length} → ${partitions}`);
  } finally {
    await admin.disconnect();
  }
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Rebuilds the envelope from a Kafka message; a message that cannot be read is poison. */
export function envelopeFromKafka(topic: string, message: KafkaMessage): EventEnvelope {
  const id = headerText(message.headers, MessageHeaders.EventId);
  if (!id || !message.value) {
    throw new PoisonMessageError(`Message on ${topic} has no ${MessageHeaders.EventId} header or no value`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(message.value.toString());
  } catch {
    throw new PoisonMessageError(`Message ${id} on ${topic} is not JSON`);
  }
  const requestId = headerText(message.headers, MessageHeaders.RequestId);
  const traceparent = headerText(message.headers, MessageHeaders.TraceParent);
  return {
    id,
    topic: topic as Topic,
    key: message.key?.toString() ?? '',
    occurredAt:
      headerText(message.headers, MessageHeaders.OccurredAt) ??
      new Date(Number(message.timestamp)).toISOString(),
    ...(requestId ? { requestId } : {}),
    ...(traceparent ? { traceparent } : {}),
    payload: payload as EventEnvelope['payload'],
  };
}

/** A message's headers: event id, time, and the request id and `traceparent` it carries on (exported for tests). */
export function headersOf(event: EventEnvelope): IHeaders {
  const requestId = event.requestId ?? currentRequestId();
  const traceparent = event.traceparent ?? currentTraceparent();
  return {
    [MessageHeaders.EventId]: event.id,
    [MessageHeaders.OccurredAt]: event.occurredAt,
    ...(requestId ? { [MessageHeaders.RequestId]: requestId } : {}),
    ...(traceparent ? { [MessageHeaders.TraceParent]: traceparent } : {}),
  };
}

/** A topic every broker of ours hosts: `ensureTopics` (or compose's kafka-init) creates it before services start. */
const PROBE_TOPIC = ALL_TOPICS[0];

/**
 * Whether the broker answers, asked every `intervalMs` with a metadata request for one topic on a client of
 * its own that does not retry. kafkajs reports nothing while a client is idle, so a stopped broker would
 * otherwise go unnoticed until the next publish. At most one probe is in flight; an answer older than three
 * intervals counts as none. One topic, not the cluster: kafkajs sends a metadata request without topics
 * (`describeCluster`) as one for every topic, and decoding every topic's partitions every two seconds was most
 * of what an idle service allocated, which kept V8's memory reducer (it waits for a quiet heap) from running.
 */
class BrokerProbe {
  private readonly admin: Admin;
  private connected = false;
  private inFlight = false;
  private reachable = false;
  private lastAnswerAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    brokers: readonly string[],
    clientId: string,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    const kafka = new Kafka({
      clientId: `${clientId}-probe`,
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
    });
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  /** Probes once now, then every interval. */
  async start(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  isUp(): boolean {
    return this.reachable && Date.now() - this.lastAnswerAt <= 3 * this.intervalMs;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.connected) {
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
    }
  }

  private async probe(): Promise<void> {
    if (this.inFlight) {
      return;
    }
    this.inFlight = true;
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          if (!this.connected) {
            await this.admin.connect();
            this.connected = true;
          }
          await this.admin.fetchTopicMetadata({ topics: [PROBE_TOPIC] });
        })(),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      if (!this.reachable) {
        this.logger.info('kafka broker reachable');
      }
      this.reachable = true;
      this.lastAnswerAt = Date.now();
    } catch (error) {
      if (this.reachable) {
        this.logger.warn({ err: toError(error) }, 'kafka broker unreachable: not ready');
      }
      this.reachable = false;
      // A fresh connection next time: the old one may point at a broker that is gone.
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
    } finally {
      clearTimeout(timeout);
      this.inFlight = false;
    }
  }
}

/**
 * Kafka through kafkajs: publishes with acks from all in-sync replicas; consumers commit after handling.
 * Ready while a broker probe answers and every consumer group is joined (not crashed or rejoining).
 */
export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: KafkaClient;
  private readonly producer: Producer;
  private producerConnected = false;
  private readonly servers: KafkaConsumerServer[] = [];
  private readonly probe: BrokerProbe;

  constructor(
    private readonly options: KafkaBusOptions,
    private readonly logger: Logger,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logCreator: kafkaLogCreator(logger),
      // At most 5 s between attempts and 10 s for an answer (kafkajs: 30 s each; joins and fetches get
      // longer timeouts of their own): a publish in flight when the broker went away goes out within
      // seconds of its return instead of half a minute.
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
      requestTimeout: 10_000,
    });
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.producerConnected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
    this.probe = new BrokerProbe(
      options.brokers,
      options.clientId,
      options.probeIntervalMs ?? 2_000,
      options.probeTimeoutMs ?? 1_500,
      logger,
    );
  }

  /**
   * Creates missing topics (unless `ensureTopics: false`), connects the producer and starts the broker
   * probe. A broker that does not host a topic the service subscribes to would otherwise stop start-up
   * with "This server does not host this topic-partition".
   */
  async connect(): Promise<void> {
    if (this.options.ensureTopics ?? true) {
      const created = await ensureTopics(this.options.brokers);
      if (created.length > 0) {
        this.logger.info({ topics: created }, 'kafka topics created');
      }
    }
    await this.producer.connect();
    await this.probe.start();
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const byTopic = new Map<string, { key: string; value: string; headers: IHeaders }[]>();
    for (const event of events) {
      const messages = byTopic.get(event.topic) ?? [];
      messages.push({ key: event.key, value: JSON.stringify(event.payload), headers: headersOf(event) });
      byTopic.set(event.topic, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  /** Copies a failed message to `<topic>.dlq` with the error, attempts and original topic. */
  async deadLetter(topic: string, message: KafkaMessage, error: Error, attempts: number): Promise<void> {
    await this.producer.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [MessageHeaders.Error]: error.message.slice(0, 2000),
            [MessageHeaders.OriginalTopic]: topic,
            [MessageHeaders.Attempts]: String(attempts),
          },
        },
      ],
    });
  }

  createConsumerServer(group: string): EventConsumerServer {
    const server = new KafkaConsumerServer(
      this.kafka,
      this,
      group,
      this.options.retry,
      this.options.commitIntervalMs ?? COMMIT_INTERVAL_MS,
      this.logger,
    );
    this.servers.push(server);
    return server;
  }

  isReady(): boolean {
    return this.producerConnected && this.probe.isUp() && this.servers.every((server) => server.isRunning());
  }

  async close(): Promise<void> {
    await this.probe.stop();
    await Promise.all(this.servers.map((server) => server.close()));
    await this.producer.disconnect();
  }
}

/** Messages of one partition handled side by side (different keys only), committed window by window. */
const WINDOW_SIZE = 100;
/** Keys of one partition handled at once; each service's pool has 10 connections by default. */
const KEY_CONCURRENCY = 6;
/** Default of {@link KafkaBusOptions.commitIntervalMs}. */
export const COMMIT_INTERVAL_MS = 1_000;

function* windows<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

/**
 * Runs `handle` for every message, those with the same key one after another in offset order, up to
 * `concurrency` keys at a time; resolves when all are done, or rejects with the first failure once every
 * started chain has settled. Events of one aggregate share a key (the outbox's `key`), so their order holds;
 * events of different aggregates were never ordered across partitions either.
 */
export async function inKeyOrder(
  messages: readonly KafkaMessage[],
  concurrency: number,
  handle: (message: KafkaMessage) => Promise<void>,
): Promise<void> {
  const chains = new Map<string, KafkaMessage[]>();
  for (const message of messages) {
    const key = message.key?.toString('latin1') ?? '';
    const chain = chains.get(key);
    if (chain) {
      chain.push(message);
    } else {
      chains.set(key, [message]);
    }
  }
  const queue = [...chains.values()];
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let chain = queue.shift(); chain && !failure; chain = queue.shift()) {
      for (const message of chain) {
        try {
          await handle(message);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (failure) {
    throw failure.error;
  }
}

class KafkaConsumerServer extends EventConsumerServer {
  private consumer?: Consumer;
  private running = false;
  /** Commits every resolved offset now (kafkajs's own, kept from the latest batch); unset until one came. */
  private commitResolved?: () => Promise<void>;
  /** Commits what a batch resolved once the interval is up, when no later batch did it first. */
  private flushTimer?: NodeJS.Timeout;
  private readonly groupLogger: Logger;
  private readonly restarts: ConsumerRestarts;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly bus: KafkaBus,
    private readonly group: string,
    private readonly retry: RetryPolicy,
    private readonly commitIntervalMs: number,
    busLogger: Logger,
  ) {
    super();
    this.groupLogger = busLogger.child({ consumerGroup: group });
    this.restarts = new ConsumerRestarts(() => this.start(), this.groupLogger);
  }

  isRunning(): boolean {
    return this.consumer === undefined || this.running;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const topics = this.subscribedTopics();
    if (topics.length === 0) {
      return;
    }
    const logger = this.groupLogger;
    // A restart after kafkajs gave the previous consumer up: it disconnected that one already.
    await this.consumer?.disconnect().catch(() => undefined);
    const consumer = this.kafka.consumer({
      groupId: this.group,
      sessionTimeout: 15_000,
      heartbeatInterval: 1_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.running = true;
      this.restarts.joined();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.running = false;
      logger.warn({ err: event.payload.error, restart: event.payload.restart }, 'kafka consumer crashed');
      if (!event.payload.restart) {
        this.restarts.givenUp();
      }
    });
    consumer.on(consumer.events.STOP, () => {
      this.running = false;
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const handle = async (topic: string, message: KafkaMessage): Promise<void> => {
      let event: EventEnvelope;
      try {
        event = envelopeFromKafka(topic, message);
      } catch (error) {
        logger.error({ err: error, topic, offset: message.offset }, 'unreadable message dead-lettered');
        await this.bus.deadLetter(topic, message, toError(error), 1);
        this.observer.delivered(topic, 'dead-lettered', 0);
        return;
      }
      await deliverWithRetry(
        event,
        (envelope) => this.invokeHandler(envelope),
        this.retry,
        (_envelope, error, attempts) => this.bus.deadLetter(topic, message, error, attempts),
        logger,
        this.observer,
        this.tracing,
      );
    };
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatchAutoResolve: false,
      // kafkajs with autoCommit commits after every batch, before it fetches again: one more broker round trip
      // that every waiting event pays. Offsets are committed here instead, at most once an interval, on the way
      // out, and by a timer when no batch follows.
      autoCommit: false,
      autoCommitInterval: this.commitIntervalMs,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const stopped = () => !payload.isRunning() || payload.isStale();
        const heartbeat = () => payload.heartbeat();
        this.commitResolved = () => payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
        try {
          for (const window of windows(batch.messages, WINDOW_SIZE)) {
            if (stopped()) {
              return;
            }
            await inKeyOrder(window, KEY_CONCURRENCY, async (message) => {
              if (!stopped()) {
                await handle(batch.topic, message);
                await heartbeat();
              }
            });
            if (stopped()) {
              return;
            }
            // Resolved only once every message up to here is handled: a crash redelivers from the last committed
            // offset, and the inboxes drop what was already applied.
            const last = window[window.length - 1].offset;
            payload.resolveOffset(last);
            this.observer.lagged(
              batch.topic,
              batch.partition,
              Number(batch.highWatermark) - 1 - Number(last),
            );
            await heartbeat();
          }
        } finally {
          // Leaving (stopping, rebalancing, or a handler that could not even dead-letter): commit what is
          // handled while this member still owns the partition. Otherwise once the interval is up.
          await (stopped() ? this.flush() : payload.commitOffsetsIfNecessary());
          this.scheduleFlush();
        }
      },
    });
  }

  /** Commits the resolved offsets now; a failure (rebalance, broker away) only means a later redelivery. */
  private async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    try {
      await this.commitResolved?.();
    } catch (error) {
      this.groupLogger.warn(
        { err: toError(error) },
        'kafka offsets not committed; the inbox drops the redelivery',
      );
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.running) {
      return;
    }
    this.flushTimer = setTimeout(() => void this.flush(), this.commitIntervalMs);
    this.flushTimer.unref();
  }

  async close(): Promise<void> {
    this.restarts.close();
    // What is handled is committed before the group is left, so a restart starts after it.
    await this.flush();
    this.running = false;
    await this.consumer?.disconnect();
  }
}
