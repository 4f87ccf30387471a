import type { EventEnvelope } from '@agora/contracts';
import {
  BaseRpcContext,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';

/** The context argument of `@EventPattern` handlers, on both transports. */
export class BusContext extends BaseRpcContext<[EventEnvelope]> {
  get event(): EventEnvelope {
    return this.getArgByIndex(0) as EventEnvelope;
  }
}

/**
 * Shared base of the Kafka and in-process consumer servers: both hand the same envelope to the same
 * `@EventPattern` handlers, and both see handler errors (propagatesEventHandlerErrors) so they can
 * retry and dead-letter instead of Nest swallowing the error.
 */
export abstract class EventConsumerServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;

  /** Topics that have an `@EventPattern` handler in this app. */
  protected subscribedTopics(): string[] {
    return [...this.getHandlers().keys()];
  }

  /**
   * Invokes every handler the app has for the envelope's topic (Nest chains handlers of one event
   * pattern through `next`), one after another; rejects when one fails.
   */
  protected async invokeHandler(event: EventEnvelope): Promise<void> {
    for (
      let handler: MessageHandler | null | undefined = this.getHandlerByPattern(event.topic);
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
