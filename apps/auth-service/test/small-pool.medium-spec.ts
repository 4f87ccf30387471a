import {
  atOnce,
  AuthTestClient,
  copies,
  provisionAllServices,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../src/auth-service.definition.js';

const ADMIN = { email: 'pool.root@example.com', login: 'pool_root', password: 'pool admin passphrase' };

/**
 * Every write holds one pooled connection for its transaction and must not ask the pool for a second: with
 * more parallel requests than connections, one that does waits for a connection its own siblings hold, and
 * the service stops answering. Two connections, many more requests.
 */
describe('auth-service with a pool smaller than the load', () => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let platform: InProcessServices;
  let client: AuthTestClient;

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition], {
      SMTP_URL: inbox.url,
      DATABASE_POOL_SIZE: '2',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_LOGIN: ADMIN.login,
      ADMIN_PASSWORD: ADMIN.password,
      REGISTRATION_MAX_PER_IP: '1000',
    });
    client = new AuthTestClient(platform.services.auth.url, inbox);
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('answers parallel renames by admins and by users, and refreshes, within seconds', async () => {
    const admin = (
      await client.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: ADMIN.login, password: ADMIN.password },
      })
    ).body.accessToken;
    const users: { id: string; accessToken: string; refreshToken: string }[] = [];
    for (let index = 0; index < 6; index += 1) {
      users.push(await client.signedIn(`pool_${index}`));
    }
    const started = Date.now();
    const answers = await atOnce([
      ...users.map(
        (user, index) => () =>
          client.call('PATCH', `/users/${user.id}`, { body: { login: `pool_admin_${index}` }, token: admin }),
      ),
      ...users.map(
        (user, index) => () =>
          client.call('PATCH', '/me', { body: { login: `pool_self_${index}` }, token: user.accessToken }),
      ),
      ...copies(6, (index) =>
        client.call('POST', '/refresh', { body: { refreshToken: users[index].refreshToken } }),
      ),
    ]);
    expect(answers.map((answer) => answer.status).every((status) => status === 200)).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
