import { deadLetterTopic, type EventEnvelope } from '@agora/contracts';
import type { Logger } from 'pino';
import { deliverWithRetry, type RetryPolicy } from './delivery.js';
import { EventConsumerServer } from './event-consumer.server.js';
import type { DeadLetterRecord, MessageBus } from './message-bus.js';

/**
 * The in-process bus of the embedded mode. `publish` resolves only after every subscribed group has
 * applied (or dead-lettered) each event, so the outbox marks an event sent only once it has been
 * consumed: a crash in between means redelivery on restart, which the consumers' inboxes absorb.
 * Publishing waits until `open()`, which the launcher calls once every app's handlers are registered.
 */
export class MemoryBus implements MessageBus {
  readonly kind = 'memory' as const;
  readonly deadLetters: DeadLetterRecord[] = [];
  private readonly groups = new Map<string, MemoryConsumerServer>();
  private readonly opened: Promise<void>;
  private markOpen!: () => void;
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly retry: RetryPolicy,
  ) {
    this.opened = new Promise((resolve) => {
      this.markOpen = resolve;
    });
  }

  open(): void {
    this.markOpen();
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    await this.opened;
    if (this.closed) {
      throw new Error('Message bus is closed');
    }
    for (const event of events) {
      const subscribers = [...this.groups.values()].filter((server) => server.handles(event.topic));
      await Promise.all(subscribers.map((server) => server.consume(event)));
    }
  }

  createConsumerServer(group: string): EventConsumerServer {
    const server = new MemoryConsumerServer(group, this.logger, this.retry, this.deadLetters);
    this.groups.set(group, server);
    return server;
  }

  isReady(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.groups.values()].map((server) => server.idle()));
  }
}

class MemoryConsumerServer extends EventConsumerServer {
  private listening = false;
  /** One queue per topic keeps each topic's events in order within the group. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly group: string,
    private readonly busLogger: Logger,
    private readonly retry: RetryPolicy,
    private readonly deadLetters: DeadLetterRecord[],
  ) {
    super();
  }

  handles(topic: string): boolean {
    return this.listening && this.getHandlerByPattern(topic) !== null;
  }

  consume(event: EventEnvelope): Promise<void> {
    const previous = this.queues.get(event.topic) ?? Promise.resolve();
    const next = previous.then(() =>
      deliverWithRetry(
        event,
        (envelope) => this.invokeHandler(envelope),
        this.retry,
        (envelope, error, attempts) => {
          this.deadLetters.push({
            topic: deadLetterTopic(envelope.topic),
            event: envelope,
            error: error.message,
            attempts,
          });
          return Promise.resolve();
        },
        this.busLogger.child({ consumerGroup: this.group }),
        this.observer,
        this.tracing,
      ),
    );
    this.queues.set(event.topic, next);
    return next;
  }

  async idle(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  listen(callback: () => void): void {
    this.listening = true;
    callback();
  }

  close(): Promise<void> {
    this.listening = false;
    return this.idle();
  }
}
