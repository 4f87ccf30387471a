import pg from 'pg';

export interface ServiceDatabaseTarget {
  /** Schema the service owns. */
  readonly schema: string;
  /** The service's own connection URL; its user becomes the schema's owner role. */
  readonly url: string;
  /** Extensions to install into the schema (needs the admin; the service's role cannot). */
  readonly extensions?: readonly string[];
}

interface RoleSpec {
  role: string;
  password: string;
  database: string;
}

function roleFromUrl(url: string): RoleSpec {
  const parsed = new URL(url);
  const role = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!role || !database) {
    throw new Error(`Database URL must name a user and a database: ${parsed.protocol}//…${parsed.pathname}`);
  }
  return { role, password: decodeURIComponent(parsed.password), database };
}

/** Creates the database when it does not exist yet (connects through the admin URL's database). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Gives each service a login role that owns its schema and can touch nothing else: no grants on other
 * schemas, CREATE on `public` revoked, `search_path` pinned to its own schema. Idempotent.
 */
export async function provisionServiceSchemas(
  adminUrl: string,
  targets: readonly ServiceDatabaseTarget[],
): Promise<void> {
  const specs = targets.map((target) => ({
    ...roleFromUrl(target.url),
    schema: target.schema,
    extensions: target.extensions ?? [],
  }));
  const database = specs[0]?.database;
  if (!database || specs.some((spec) => spec.database !== database)) {
    throw new Error('Every service URL must point at the same database');
  }
  const admin = new URL(adminUrl);
  admin.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // Provisioners at once (a start beside `npm run seed` or a restore) take turns: concurrent GRANTs and ALTERs
    // of one role or schema fail with "tuple concurrently updated". Released when the connection ends.
    await client.query(`SELECT pg_advisory_lock(hashtext('agora.provision'))`);
    const db = client.escapeIdentifier(database);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    for (const spec of specs) {
      const role = client.escapeIdentifier(spec.role);
      const password = spec.password ? `PASSWORD ${client.escapeLiteral(spec.password)}` : '';
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [spec.role]);
      if (exists.rowCount === 0) {
        // Two concurrent provisioners may race here; the loser's duplicate error is harmless.
        await client.query(`CREATE ROLE ${role} LOGIN ${password}`).catch((error: { code?: string }) => {
          if (error.code !== '42710' && error.code !== '23505') {
            throw error;
          }
        });
      } else if (password) {
        await client.query(`ALTER ROLE ${role} WITH LOGIN ${password}`);
      }
      await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${db} TO ${role}`);
      const schema = client.escapeIdentifier(spec.schema);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
      await client.query(`ALTER SCHEMA ${schema} OWNER TO ${role}`);
      await client.query(`ALTER ROLE ${role} IN DATABASE ${db} SET search_path = ${schema}`);
      for (const extension of spec.extensions) {
        await client.query(
          `CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(extension)} SCHEMA ${schema}`,
        );
      }
    }
  } finally {
    await client.end();
  }
}
