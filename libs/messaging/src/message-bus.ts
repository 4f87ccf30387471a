import type { EventEnvelope } from '@agora/contracts';
import type { EventConsumerServer } from './event-consumer.server.js';

/** A dead-lettered message as kept for inspection. */
export interface DeadLetterRecord {
  readonly topic: string;
  readonly event: EventEnvelope;
  readonly error: string;
  readonly attempts: number;
}

/**
 * The one messaging API services see: the outbox relay publishes through it, and each app connects its
 * consumer server to it. Kafka in the distributed shape, in-process in the embedded mode.
 */
export interface MessageBus {
  readonly kind: 'kafka' | 'memory';
  /** Resolves once the broker has accepted every event. */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /** A Nest transport that feeds this app's `@EventPattern` handlers, as one consumer group. */
  createConsumerServer(group: string): EventConsumerServer;
  /** True when publishing and consuming work right now. */
  isReady(): boolean;
  close(): Promise<void>;
}
