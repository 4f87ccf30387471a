import type { DataSource, EntityManager } from 'typeorm';
import { isRetryableTransactionError } from './constraint-errors.js';

/**
 * Runs a piece of work in one transaction. Two transactions that meet may deadlock or fail to
 * serialize; PostgreSQL then aborts one, which is run once more before the error reaches the client.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 2,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) {
        throw error;
      }
    }
  }
}

/** A transaction: what repositories take to write together (TypeORM's EntityManager, by another name). */
export type Tx = EntityManager;

/**
 * The one way services open a transaction: they run their repositories' calls in `run`, passing its `tx`
 * on, and never hold the DataSource themselves (so their logic is unit-tested with repositories mocked).
 * Provided by the runtime's platform module; deadlocks and serialization failures are retried once.
 */
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
