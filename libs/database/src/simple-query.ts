import pg from 'pg';
import type { EntityManager } from 'typeorm';

/** A value as a quoted, escaped SQL literal, for statements sent without parameters ({@link runStatements}). */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) {
    return 'NULL';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`Not a finite number: ${value}`);
    }
    return String(value);
  }
  return pg.escapeLiteral(value);
}

/**
 * Sends several `;`-separated statements on the manager's connection in one round trip (PostgreSQL's simple
 * query protocol, which takes no parameters: put values in with {@link sqlLiteral}) and returns each
 * statement's rows. Each statement takes its own snapshot (READ COMMITTED), so one that follows a lock sees
 * what the lock's previous holder committed; the first that fails stops the rest and rejects. Needs the
 * manager of an open transaction, whose connection the statements must share.
 */
export async function runStatements(
  manager: EntityManager,
  sql: string,
): Promise<Record<string, unknown>[][]> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    throw new Error('runStatements needs the manager of an open transaction');
  }
  const client = (await runner.connect()) as pg.PoolClient;
  const results = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
  return (Array.isArray(results) ? results : [results]).map(
    (result) => result.rows as Record<string, unknown>[],
  );
}
