import { createIsolatedDatabase, freePort } from '@agora/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPlatform, type RunningPlatform } from '../../apps/platform/src/embedded/start-platform.js';

export interface InProcessPlatform {
  /** The Node gateway, e.g. `http://127.0.0.1:41234`; the API is under `/api`. */
  readonly gatewayUrl: string;
  readonly platform: RunningPlatform;
  /** Superuser URL of the platform's own database, for checks after the requests. */
  readonly adminUrl: string;
  close(): Promise<void>;
}

/**
 * `npm start`'s platform in the test process: the five apps on the in-process bus behind the Node gateway,
 * on a database of the test file's own (on the machine's PostgreSQL), data under a temporary folder. Faster
 * than spawning `npm start`; the same composition and routes.
 */
export async function startInProcessPlatform(
  sharedUrl: string,
  name: string,
  env: Record<string, string> = {},
): Promise<InProcessPlatform> {
  const database = await createIsolatedDatabase(sharedUrl, name);
  const dataDir = mkdtempSync(path.join(tmpdir(), `agora-${name}-`));
  try {
    const platform = await startPlatform({
      DATA_DIR: dataDir,
      DATABASE_URL: database.adminUrl,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...env,
    });
    return {
      gatewayUrl: platform.gatewayUrl,
      platform,
      adminUrl: database.adminUrl,
      async close() {
        await platform.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
