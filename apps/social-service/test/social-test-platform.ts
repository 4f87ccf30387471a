import type { PayloadOf, Topic } from '@agora/contracts';
import {
  AuthTestClient,
  eventually,
  provisionAllServices,
  queryRows,
  startServicesInProcess,
  startSmtpInbox,
  type JsonResponse,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { socialServiceDefinition } from '../src/social-service.definition.js';

export interface SocialUser {
  readonly id: string;
  readonly login: string;
  readonly token: string;
}

/**
 * Real auth-service and social-service in this process on the test PostgreSQL and one in-process bus;
 * users sign up through auth and are ready once their profile is public. Other services' events (media
 * uploads, catalog items) are published on the bus as those services would.
 */
export async function startSocialPlatform(
  adminUrl: string,
  prefix: string,
  env: Record<string, string> = {},
) {
  await provisionAllServices(adminUrl);
  const inbox = await startSmtpInbox();
  const platform = await startServicesInProcess(adminUrl, [authServiceDefinition, socialServiceDefinition], {
    SMTP_URL: inbox.url,
    // No catalog-service unless a spec gives one: the catalog copy's rebuild finds none and leaves the copy to
    // the events the spec publishes.
    CATALOG_URL: 'http://127.0.0.1:9',
    // Nor media-service: a media not learnt from its event stays unknown.
    MEDIA_URL: 'http://127.0.0.1:9',
    ...env,
  });
  const auth = new AuthTestClient(platform.services.auth.url, inbox);
  const social = new AuthTestClient(platform.services.social.url, inbox);
  let users = 0;

  const publish = <T extends Topic>(topic: T, key: string, payload: PayloadOf<T>) =>
    platform.bus.publish([{ id: uuidv7(), topic, key, occurredAt: new Date().toISOString(), payload }]);

  return {
    social,
    bus: platform.bus,
    /** The running social-service, for specs that drive a provider in-process. */
    service: platform.services.social,
    /** auth-service's key set, for another service a spec starts to take the platform's tokens. */
    jwksUrl: `${platform.services.auth.url}/.well-known/jwks.json`,
    /** A verified user whose public profile social-service has. */
    async user(name: string): Promise<SocialUser> {
      users += 1;
      const login = `${prefix}${users}_${name}`;
      const account = await auth.signedIn(login);
      await eventually(
        async () => ((await social.call('GET', `/profiles/${account.id}`)).status === 200 ? true : undefined),
        15_000,
        `the profile of ${login}`,
      );
      return { id: account.id, login, token: account.accessToken };
    },
    call<T = Record<string, unknown>>(
      method: string,
      path: string,
      user?: SocialUser,
      body?: unknown,
      headers?: Record<string, string>,
    ): Promise<JsonResponse<T>> {
      return social.call<T>(method, path, { token: user?.token, body, headers });
    },
    /** A media upload of `ownerId`, as media-service announces it. */
    async media(ownerId: string): Promise<string> {
      const mediaId = uuidv7();
      await publish('media.media.uploaded.v1', mediaId, {
        mediaId,
        ownerId,
        width: 10,
        height: 10,
        blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
        variants: [],
        uploadedAt: new Date().toISOString(),
      });
      await eventually(
        async () =>
          (await queryRows(adminUrl, `SELECT 1 FROM social.media_owners WHERE media_id = $1`, [mediaId]))
            .length
            ? true
            : undefined,
        10_000,
        'the media owner',
      );
      return mediaId;
    },
    /** A coffee, as catalog-service announces it. */
    async coffee(name: string): Promise<string> {
      const itemId = uuidv7();
      await publish('catalog.item.created.v1', itemId, {
        kind: 'coffee',
        itemId,
        name,
        version: 1,
        changedBy: uuidv7(),
        changedAt: new Date().toISOString(),
      });
      await eventually(
        async () =>
          (await queryRows(adminUrl, `SELECT 1 FROM social.catalog_items WHERE item_id = $1`, [itemId]))
            .length
            ? true
            : undefined,
        10_000,
        'the catalog item',
      );
      return itemId;
    },
    publish,
    query: <T>(sql: string, params: unknown[] = []) => queryRows<T>(adminUrl, sql, params),
    async close(): Promise<void> {
      await platform.close();
      await inbox.close();
    },
  };
}

export type SocialPlatform = Awaited<ReturnType<typeof startSocialPlatform>>;
