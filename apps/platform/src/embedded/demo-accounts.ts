import { DEMO_ACCOUNTS, SERVICES, type DemoAccount } from '@agora/contracts';
import pg from 'pg';

/** The demo accounts that exist on the platform's database (none before `npm run seed`). */
export async function existingDemoAccounts(adminUrl: string): Promise<DemoAccount[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const schema = client.escapeIdentifier(SERVICES.auth.schema);
    const tables = await client.query(`SELECT to_regclass($1) AS users`, [`${schema}.users`]);
    if ((tables.rows[0] as { users: string | null }).users === null) {
      return [];
    }
    const { rows } = await client.query<{ email: string }>(
      `SELECT "email" FROM ${schema}."users" WHERE "email" = ANY($1) AND "password_hash" IS NOT NULL`,
      [DEMO_ACCOUNTS.map((account) => account.email)],
    );
    const present = new Set(rows.map((row) => row.email));
    return DEMO_ACCOUNTS.filter((account) => present.has(account.email));
  } finally {
    await client.end();
  }
}

/** Lines for a terminal: role, login, e-mail and password of each account. */
export function describeDemoAccounts(accounts: readonly DemoAccount[]): string[] {
  return accounts.map(
    (account) =>
      `  ${account.role.padEnd(10)}  login ${account.login.padEnd(15)} ${account.email.padEnd(27)} password "${account.password}"`,
  );
}
