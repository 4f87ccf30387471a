import { SERVICE_NAMES, SERVICES, type ServiceName } from '@agora/contracts';
import { dropDatabase, ensureDatabase, provisionServiceSchemas } from '@agora/database';
import pg from 'pg';

/** The URL a service uses in tests: its own role (trust auth, so no password) on the run's database. */
export function serviceDatabaseUrl(adminUrl: string, service: ServiceName): string {
  const url = new URL(adminUrl);
  url.username = `agora_${SERVICES[service].schema}`;
  url.password = '';
  return url.toString();
}

export async function provisionAllServices(adminUrl: string): Promise<void> {
  await provisionServiceSchemas(
    adminUrl,
    SERVICE_NAMES.map((name) => ({
      schema: SERVICES[name].schema,
      extensions: SERVICES[name].extensions,
      url: serviceDatabaseUrl(adminUrl, name),
    })),
  );
}

/** Runs one query as the admin and returns its rows. */
export async function queryRows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql, params);
    return result.rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

/**
 * A database of a test file's own beside the run's shared one, for tests that must start from an empty
 * schema (migrations); `drop` removes it.
 */
export async function createIsolatedDatabase(
  sharedUrl: string,
  suffix: string,
): Promise<{ adminUrl: string; drop: () => Promise<void> }> {
  const shared = new URL(sharedUrl);
  const database = `${shared.pathname.slice(1)}_${suffix}`;
  await ensureDatabase(sharedUrl, database);
  const adminUrl = new URL(shared);
  adminUrl.pathname = `/${database}`;
  return { adminUrl: adminUrl.toString(), drop: () => dropDatabase(sharedUrl, database) };
}
