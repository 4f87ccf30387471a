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
