import { payloadProblems, type EventEnvelope } from '@agora/contracts';
import { Tracing } from '@agora/logging';
import {
  BaseRpcContext,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { PoisonMessageError, type DeliveryObserver } from './delivery.js';

/** The context argument of `@EventPattern` handlers, on both transports. */
export class BusContext extends BaseRpcContext<[EventEnvelope]> {
  get event(): EventEnvelope {
    return this.getArgByIndex(0) as EventEnvelope;
  }
}

const UNOBSERVED: DeliveryObserver = { delivered: () => undefined, lagged: () => undefined };

/**
 * Shared base of the Kafka and in-process consumer servers: both hand the same envelope to the same
 * `@EventPattern` handlers, and both see handler errors (propagatesEventHandlerErrors) so they can
 * retry and dead-letter instead of Nest swallowing the error.
 */
export abstract class EventConsumerServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly handlersByTopic = new Map<string, MessageHandler>();
  protected observer: DeliveryObserver = UNOBSERVED;

  protected tracing: Tracing = Tracing.off;

  /** Reports every message handled from now on to `observer`. */
  observe(observer: DeliveryObserver): void {
    this.observer = observer;
  }

  /** Handles every message from now on in a `process <topic>` span, child of the span that published it. */
  trace(tracing: Tracing): void {
    this.tracing = tracing;
  }

  /** Topics that have an `@EventPattern` handler in this app. */
  protected subscribedTopics(): string[] {
    return [...this.getHandlers().keys()];
  }

  /**
   * Checks the payload against its topic's schema (@agora/contracts `TOPIC_SCHEMAS`), then invokes every
   * handler the app has for the envelope's topic (Nest chains handlers of one event pattern through
   * `next`), one after another; rejects when one fails. A payload that does not fit is a
   * {@link PoisonMessageError}: dead-lettered at once, before any handler sees it.
   */
  protected async invokeHandler(event: EventEnvelope): Promise<void> {
    const problems = payloadProblems(event.topic, event.payload);
    if (problems.length > 0) {
      throw new PoisonMessageError(
        `Event ${event.id} on ${event.topic} does not fit its schema: ${problems.slice(0, 10).join('; ')}`,
      );
    }
    // Nest's lookup JSON.parses the pattern, which for a topic name throws: once per topic, not per event.
    const first = this.handlersByTopic.get(event.topic) ?? this.getHandlerByPattern(event.topic);
    if (first) {
      this.handlersByTopic.set(event.topic, first);
    }
    for (
      let handler: MessageHandler | null | undefined = first;
      handler;
      handler = handler.next as MessageHandler | undefined
    ) {
      const result: unknown = await handler(event, new BusContext([event]));
      if (isObservable(result)) {
        await lastValueFrom(result, { defaultValue: undefined });
      }
    }
  }

  on(): never {
    throw new Error('Event listeners are not supported on this transport');
  }

  unwrap<T>(): T {
    return this as unknown as T;
  }
}
