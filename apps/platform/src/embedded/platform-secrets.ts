import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PlatformSecrets {
  /** Password of the embedded PostgreSQL superuser. */
  readonly superuserPassword: string;
  /** Password of each service's database role, by schema. */
  readonly rolePasswords: Readonly<Record<string, string>>;
  /** CSRF_SECRET of the services (web sessions' CSRF tokens stay valid across restarts). */
  readonly csrfSecret: string;
}

/**
 * Generated on the first start and kept in DATA_DIR, so a second start reuses the same database. Tools that run
 * beside `npm start` (db:restore, db:dump, seed) read the file at the same time: it is written only when something
 * was missing, and then whole (a temporary file renamed over it), so no reader ever sees it half written.
 */
export function loadOrCreateSecrets(dataDir: string, schemas: readonly string[]): PlatformSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const existing: Partial<PlatformSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<PlatformSecrets>)
    : {};
  const token = (bytes = 18): string => randomBytes(bytes).toString('base64url');
  const secrets: PlatformSecrets = {
    superuserPassword: existing.superuserPassword ?? token(),
    csrfSecret: existing.csrfSecret ?? token(32),
    rolePasswords: Object.fromEntries(
      schemas.map((schema) => [schema, existing.rolePasswords?.[schema] ?? token()]),
    ),
  };
  const text = `${JSON.stringify(secrets, null, 2)}\n`;
  if (text !== `${JSON.stringify(existing, null, 2)}\n`) {
    mkdirSync(dataDir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, text, { mode: 0o600 });
    renameSync(partial, file);
  }
  return secrets;
}
