import type { EventEnvelope } from '@agora/contracts';
import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { sqlLiteral } from './simple-query.js';

/**
 * Tells TypeORM that the runner's connection is inside a transaction it did not open itself, so that
 * `commitTransaction`/`rollbackTransaction` end it and a nested `manager.transaction` takes a savepoint.
 */
function adoptTransaction(runner: QueryRunner): void {
  // The interface declares the flag read-only and keeps the nesting depth protected; 1 is what TypeORM's own
  // START TRANSACTION leaves. The inbox medium test checks that commit, rollback and savepoints follow.
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/**
 * Applies each event once per consumer: the event id goes into the inbox in the same transaction as the
 * handler's effect, so a redelivered event (broker restart, relay retry) changes nothing.
 */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  /**
   * Runs `apply` unless this consumer has already applied the event; returns whether it ran. The
   * transaction opens with the inbox row in one round trip (BEGIN and the INSERT in one simple query, the
   * values as escaped literals): on a busy machine every round trip is what the next event waits.
   */
  async consumeOnce(
    consumer: string,
    event: EventEnvelope,
    apply: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      let inserted: boolean;
      try {
        const [, claim] = (await client.query(
          `BEGIN; INSERT INTO "${this.schema}"."inbox" ("event_id", "consumer", "topic")
           VALUES (${sqlLiteral(event.id)}, ${sqlLiteral(consumer)}, ${sqlLiteral(event.topic)})
           ON CONFLICT DO NOTHING RETURNING "event_id"`,
        )) as unknown as [pg.QueryResult, pg.QueryResult];
        inserted = claim.rowCount === 1;
      } catch (error) {
        // The BEGIN may have gone through before the INSERT failed.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      adoptTransaction(runner);
      try {
        if (!inserted) {
          await runner.rollbackTransaction();
          return false;
        }
        await apply(runner.manager);
        await runner.commitTransaction();
        return true;
      } catch (error) {
        if (runner.isTransactionActive) {
          await runner.rollbackTransaction().catch(() => undefined);
        }
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
