import type { EventEnvelope } from '@agora/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Applies each event once per consumer: the event id goes into the inbox in the same transaction as the
 * handler's effect, so a redelivered event (broker restart, relay retry) changes nothing.
 */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  /** Runs `apply` unless this consumer has already applied the event; returns whether it ran. */
  async consumeOnce(
    consumer: string,
    event: EventEnvelope,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.schema}"."inbox" ("event_id", "consumer", "topic") VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING "event_id"`,
        [event.id, consumer, event.topic],
      );
      if (inserted.length === 0) {
        return false;
      }
      await apply(manager);
      return true;
    });
  }
}
