import { failSpan, parseTraceparent, runWithRequestContext, SpanKind, Tracing } from '@agora/logging';
import type { EventEnvelope } from '@agora/contracts';
import type { Logger } from 'pino';

export interface RetryPolicy {
  /** Attempts before the message is dead-lettered (1 = no retry). */
  readonly maxAttempts: number;
  /** First back-off; doubles each attempt, capped at 30 s. */
  readonly baseDelayMs: number;
}

/** How handling one message ended: its handlers succeeded, or it went to the dead-letter topic. */
export type DeliveryOutcome = 'handled' | 'dead-lettered';

/** What a consumer server reports of the messages it handles (the runtime keeps it as metrics). */
export interface DeliveryObserver {
  /** One message is done, `seconds` after its first attempt began (retries and back-off included). */
  delivered(topic: string, outcome: DeliveryOutcome, seconds: number): void;
  /** Messages of a partition not handled yet, behind the last one handled (Kafka only). */
  lagged(topic: string, partition: number, messages: number): void;
}

export type EventHandler = (event: EventEnvelope) => Promise<void>;
export type DeadLetter = (event: EventEnvelope, error: Error, attempts: number) => Promise<void>;

/**
 * Thrown by a handler for a message that can never succeed: dead-lettered without retries. Libs that
 * must not import the bus (libs/auth) throw their own Error named `PoisonMessageError`: the name counts.
 */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export function isPoisonMessage(error: Error): boolean {
  return error instanceof PoisonMessageError || error.name === 'PoisonMessageError';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function toError(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error(typeof error === 'string' ? error : JSON.stringify(error));
}

/**
 * Runs a handler for one message with the producer's request id in context: transient failures are
 * retried with exponential back-off; a message that keeps failing goes to the dead-letter callback, so
 * it never loops forever and never blocks the partition behind it.
 */
export async function deliverWithRetry(
  event: EventEnvelope,
  handler: EventHandler,
  policy: RetryPolicy,
  deadLetter: DeadLetter,
  logger: Logger,
  observer?: DeliveryObserver,
  tracing: Tracing = Tracing.off,
): Promise<void> {
  const requestId = event.requestId ?? event.id;
  const startedAt = performance.now();
  // One span over every attempt, child of the publish span; the handler's own outbox rows are its children.
  const span = tracing.startSpan(
    `process ${event.topic}`,
    SpanKind.CONSUMER,
    parseTraceparent(event.traceparent),
    {
      'messaging.operation.type': 'process',
      'messaging.destination.name': event.topic,
      'messaging.message.id': event.id,
      'agora.request_id': requestId,
    },
  );
  const done = (outcome: DeliveryOutcome, attempts: number, error?: Error) => {
    span.setAttributes({ 'agora.outcome': outcome, 'agora.attempts': attempts });
    if (error) {
      failSpan(span, error);
    }
    span.end();
    observer?.delivered(event.topic, outcome, (performance.now() - startedAt) / 1000);
  };
  return runWithRequestContext({ requestId, span }, async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handler(event);
        logger.info({ topic: event.topic, eventId: event.id, attempt }, 'event handled');
        done('handled', attempt);
        return;
      } catch (caught) {
        const error = toError(caught);
        const poison = isPoisonMessage(error);
        if (poison || attempt >= policy.maxAttempts) {
          logger.error(
            { err: error, topic: event.topic, eventId: event.id, attempts: attempt },
            'event dead-lettered',
          );
          await deadLetter(event, error, attempt);
          done('dead-lettered', attempt, error);
          return;
        }
        const delay = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), 30_000);
        logger.warn(
          { err: error, topic: event.topic, eventId: event.id, attempt, retryInMs: delay },
          'event failed',
        );
        await sleep(delay);
      }
    }
  });
}
