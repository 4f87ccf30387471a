import {
  AuthTestClient,
  createIsolatedDatabase,
  ListPlanCheck,
  provisionAllServices,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { authServiceDefinition } from '../src/auth-service.definition.js';
import { USER_LIST_QUERY } from '../src/users/user.dto.js';

/** Rows seeded: enough that a plan reading the whole table costs far more than an index walk. */
const ROWS = 20_000;

/**
 * `GET /users` by its default sort and each allow-listed field both ways, with their next pages: on a
 * seeded, analysed table the page's statement walks an index, never the whole users table
 * (docs/adr/0006-list-engine.md). Search is not checked here: `ILIKE '%…%'` needs a trigram index, and
 * pg_trgm lives in the catalog schema (an extension is installed once per database).
 */
describe('auth list plans', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let admin: pg.Client;
  let plans: ListPlanCheck;
  let token: string;

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'auth_list_plans');
    await provisionAllServices(database.adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(database.adminUrl, [authServiceDefinition], {
      SMTP_URL: inbox.url,
      ADMIN_EMAIL: 'plans.root@example.com',
      ADMIN_PASSWORD: 'plans admin passphrase',
    });
    const client = new AuthTestClient(platform.services.auth.url, inbox);
    token = (
      await client.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: 'plans.root@example.com', password: 'plans admin passphrase' },
      })
    ).body.accessToken;
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    await admin.query(
      `INSERT INTO auth.users (id, email, login, password_hash, verified, role, created_at, updated_at)
       SELECT gen_random_uuid(), 'user' || n || '@example.com', 'user_' || md5(n::text), NULL, n % 3 <> 0,
              (ARRAY['user', 'seller', 'moderator', 'admin'])[1 + n % 4], now() - n * interval '1 minute', now()
         FROM generate_series(1, ${ROWS}) n`,
    );
    await admin.query('VACUUM ANALYZE');
    plans = new ListPlanCheck(admin);
  }, 120_000);

  afterAll(async () => {
    plans?.close();
    await admin?.end();
    await platform?.close();
    await inbox?.close();
    await database?.drop();
  });

  it('/users picks its page by index for every sort and cursor', async () => {
    const client = new AuthTestClient(platform.services.auth.url, inbox);
    await plans.expectRouteIndexed({
      path: '/users',
      table: 'users',
      sortable: USER_LIST_QUERY.sortable ?? Object.keys(USER_LIST_QUERY.fields),
      get: (target) => client.call('GET', target, { token }),
    });
  });
});
