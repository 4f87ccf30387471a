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
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { MEDIA_LIST_QUERY } from '../src/media/media.dto.js';
import { mediaServiceDefinition } from '../src/media-service.definition.js';

/** The owner's media seeded (and as many of other owners'). */
const ROWS = 20_000;

/**
 * `GET /media` by its default sort and each allow-listed field both ways, with their next pages: on a
 * seeded, analysed table the page's statement walks an index, never the whole media table
 * (docs/adr/0006-list-engine.md).
 */
describe('media list plans', () => {
  let database: { adminUrl: string; drop: () => Promise<void> };
  let inbox: SmtpInbox;
  let mediaDir: string;
  let platform: InProcessServices;
  let admin: pg.Client;
  let plans: ListPlanCheck;
  let owner: { id: string; accessToken: string };

  beforeAll(async () => {
    database = await createIsolatedDatabase(inject('testDatabaseUrl'), 'media_list_plans');
    await provisionAllServices(database.adminUrl);
    inbox = await startSmtpInbox();
    mediaDir = await mkdtemp(path.join(tmpdir(), 'agora-media-plans-'));
    platform = await startServicesInProcess(
      database.adminUrl,
      [authServiceDefinition, mediaServiceDefinition],
      { SMTP_URL: inbox.url, MEDIA_STORAGE: 'disk', MEDIA_DIR: mediaDir },
    );
    owner = await new AuthTestClient(platform.services.auth.url, inbox).signedIn('plans_owner');
    admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    await admin.query(
      `INSERT INTO media.media (id, created_at, updated_at, owner_id, content_hash, source_type, width, height,
         blurhash, stored_bytes)
       SELECT gen_random_uuid(), now() - n * interval '1 minute', now(),
              CASE WHEN n % 2 = 0 THEN $1::uuid ELSE gen_random_uuid() END, md5(n::text),
              (ARRAY['jpeg', 'png', 'webp', 'avif'])[1 + n % 4], 100 + n % 3000, 100 + n % 2000,
              'LEHV6nWB2yk8pyo0adR*.7kCMdnj', 1000
         FROM generate_series(1, ${2 * ROWS}) n`,
      [owner.id],
    );
    await admin.query(
      `INSERT INTO media.media_variants (media_id, name, storage_key, content_type, width, height, bytes)
       SELECT id, 'thumb', id || '/thumb.webp', 'image/webp', 64, 64, 500 FROM media.media`,
    );
    await admin.query('VACUUM ANALYZE');
    plans = new ListPlanCheck(admin);
  }, 120_000);

  afterAll(async () => {
    plans?.close();
    await admin?.end();
    await platform?.close();
    await inbox?.close();
    await rm(mediaDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('/media picks its page by index for every sort and cursor', async () => {
    const client = new AuthTestClient(platform.services.media.url, inbox);
    await plans.expectRouteIndexed({
      path: '/media',
      table: 'media',
      sortable: MEDIA_LIST_QUERY.sortable ?? Object.keys(MEDIA_LIST_QUERY.fields),
      get: (target) => client.call('GET', target, { token: owner.accessToken }),
    });
  });
});
