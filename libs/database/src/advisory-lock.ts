import type { DataSource } from 'typeorm';

/** What {@link withAdvisoryLock} did: ran the work (with its result), or found the lock held elsewhere. */
export type LockedRun<T> = { readonly ran: true; readonly result: T } | { readonly ran: false };

/**
 * Runs `work` while holding PostgreSQL's session-level advisory lock on `name` (keyed by
 * `hashtextextended(name, 0)`), taken with `pg_try_advisory_lock` on a connection of its own: when another
 * session (another replica) holds it, nothing runs and `{ ran: false }` comes back at once. The lock is
 * released when the work ends, and by PostgreSQL when the connection dies, so a crashed holder never
 * blocks the next run. The work uses the pool as usual; the lock's connection only holds the lock.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
): Promise<LockedRun<T>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = (await runner.query(
      `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
      [name],
    )) as { locked: boolean }[];
    if (!locked) {
      return { ran: false };
    }
    try {
      return { ran: true, result: await work() };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [name]);
    }
  } finally {
    await runner.release();
  }
}
