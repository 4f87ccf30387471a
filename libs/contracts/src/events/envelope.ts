import type { PayloadOf, Topic } from './topics.js';

/** Header names carried by every message, in Kafka and in the in-process bus alike. */
export const MessageHeaders = {
  EventId: 'x-event-id',
  RequestId: 'x-request-id',
  /** W3C Trace Context of the outbox publish that sent it: the consumer's span is its child. */
  TraceParent: 'traceparent',
  OccurredAt: 'x-occurred-at',
  Producer: 'x-producer',
  /** Set on dead-lettered copies. */
  Error: 'x-error',
  OriginalTopic: 'x-original-topic',
  Attempts: 'x-attempts',
} as const;

/** What an `@EventPattern` handler receives, whichever transport delivered it. */
export interface EventEnvelope<T extends Topic = Topic> {
  /** Unique per event (UUIDv7); consumers record it in their inbox to apply each event once. */
  readonly id: string;
  readonly topic: T;
  /** Aggregate id; one aggregate's events stay in order. */
  readonly key: string;
  readonly occurredAt: string;
  readonly requestId?: string;
  /** W3C `traceparent` naming the span that published the event (absent outside a trace). */
  readonly traceparent?: string;
  readonly payload: PayloadOf<T>;
}
