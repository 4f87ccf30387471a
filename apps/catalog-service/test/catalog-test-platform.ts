import {
  AuthTestClient,
  provisionAllServices,
  queryRows,
  startServicesInProcess,
  startSmtpInbox,
} from '@agora/testing';
import type { EventEnvelope } from '@agora/contracts';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { catalogServiceDefinition } from '../src/catalog-service.definition.js';

export interface CatalogEvent {
  topic: string;
  payload: Record<string, unknown>;
}

/**
 * Real auth-service and catalog-service in this process on the test PostgreSQL, with an admin from
 * ADMIN_EMAIL, a moderator promoted by that admin, and a plain user (logins prefixed, so suites sharing
 * the database do not collide).
 */
export async function startCatalogPlatform(
  adminUrl: string,
  prefix: string,
  env: Record<string, string> = {},
) {
  await provisionAllServices(adminUrl);
  const inbox = await startSmtpInbox();
  const adminEmail = `${prefix}.root@example.com`;
  const adminPassword = 'catalog admin passphrase';
  const platform = await startServicesInProcess(adminUrl, [authServiceDefinition, catalogServiceDefinition], {
    SMTP_URL: inbox.url,
    ADMIN_EMAIL: adminEmail,
    ADMIN_LOGIN: `${prefix}_root`,
    ADMIN_PASSWORD: adminPassword,
    // No media-service unless a spec gives one: a media not learnt from its event stays unknown.
    MEDIA_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const auth = new AuthTestClient(platform.services.auth.url, inbox);
  const catalog = new AuthTestClient(platform.services.catalog.url, inbox);
  const signIn = async (login: string, password = 'correct horse battery') =>
    (
      await auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login, password },
      })
    ).body.accessToken;
  const admin = await signIn(adminEmail, adminPassword);
  const moderatorAccount = await auth.signedIn(`${prefix}_moda`);
  await auth.call('PUT', `/users/${moderatorAccount.id}/role`, { body: { role: 'moderator' }, token: admin });
  const moderator = await signIn(`${prefix}_moda`);
  const user = await auth.signedIn(`${prefix}_fan`);

  return {
    auth,
    catalog,
    /** auth-service's key set, for another service a spec starts to take the platform's tokens. */
    jwksUrl: `${platform.services.auth.url}/.well-known/jwks.json`,
    /** catalog-service's Nest application, for calling a consumer's service directly (races). */
    catalogApp: platform.services.catalog.app,
    /** What the bus dead-lettered so far (payloads that do not fit their schema, handlers that kept failing). */
    deadLetters: () => platform.bus.deadLetters,
    /** Delivers events to the services as the broker would; resolves once every consumer handled them. */
    deliver: (...events: EventEnvelope[]) => platform.bus.publish(events),
    admin,
    moderator,
    moderatorId: moderatorAccount.id,
    user: user.accessToken,
    userId: user.id,
    /** Another verified user: signs up on first use. */
    signedUp: (login: string) => auth.signedIn(`${prefix}_${login}`),
    /** What catalog-service's outbox holds for an aggregate, oldest first. */
    events: (key: string) =>
      queryRows<CatalogEvent>(
        adminUrl,
        `SELECT topic, payload FROM catalog.outbox WHERE key = $1 ORDER BY id`,
        [key],
      ),
    /** Creates a dictionary value as the moderator and returns its id. */
    async dictionaryValue(kind: string, name: string, countryCode?: string): Promise<string> {
      const created = await catalog.call<{ id: string }>('POST', `/dictionaries/${kind}`, {
        body: { name, ...(countryCode ? { countryCode } : {}) },
        token: moderator,
      });
      if (created.status !== 201) {
        throw new Error(`creating ${kind} ${name}: ${created.status} ${JSON.stringify(created.body)}`);
      }
      return created.body.id;
    },
    async close(): Promise<void> {
      await platform.close();
      await inbox.close();
    },
  };
}

export type CatalogPlatform = Awaited<ReturnType<typeof startCatalogPlatform>>;
