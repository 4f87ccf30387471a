import type pg from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

export type EntityClass = abstract new (...args: never[]) => object;
export type MigrationClass = new () => MigrationInterface;

export interface ServiceDataSourceOptions {
  readonly url: string;
  readonly schema: string;
  readonly entities: readonly (EntityClass | EntitySchema)[];
  readonly migrations: readonly MigrationClass[];
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/**
 * One DataSource per service: its own schema, its own migrations table in that schema, no schema sync.
 * Migrations are applied explicitly (`npm run migrate`, or MIGRATIONS_RUN=true at start-up).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: [...options.entities] as EntityClass[],
    migrations: [...options.migrations],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: options.poolSize ?? 10,
      // Two connections stay open when idle, so the first event or request after a quiet spell does not pay
      // for a new backend and a SCRAM handshake; the rest close after 30 s idle.
      min: Math.min(2, options.poolSize ?? 10),
      idleTimeoutMillis: 30_000,
      application_name: options.applicationName ?? options.schema,
    },
  });
}

/** How the DataSource's connection pool is used right now. */
export interface PoolUsage {
  /** Connections open. */
  readonly total: number;
  /** Open and not lent out. */
  readonly idle: number;
  /** Callers waiting for a connection. */
  readonly waiting: number;
}

/** The DataSource's node-postgres pool (TypeORM keeps it as its driver's `master`). */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as PostgresDriver).master as pg.Pool;
}

/** The pool's use (node-postgres keeps the counts). */
export function poolUsage(dataSource: DataSource): PoolUsage {
  const pool = poolOf(dataSource);
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
}

/**
 * Keeps a connection the server drops from crashing the process. node-postgres emits `error` on a client whose
 * connection dies while no query runs on it (PostgreSQL restarting or failing over, `pg_terminate_backend`, the
 * embedded server stopping), and the pool listens only on idle clients: one lent out between two statements of a
 * transaction has no listener, and an `error` event without one ends the process. Every client of the pool gets
 * a listener once; the dead client's next query fails as usual, and the pool drops it when it comes back.
 */
export function guardPoolClients(dataSource: DataSource, onError: (error: Error) => void): void {
  const pool = poolOf(dataSource);
  const guarded = new WeakSet<pg.PoolClient>();
  const guard = (client: pg.PoolClient): void => {
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', onError);
    }
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}
