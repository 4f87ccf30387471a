import {
  AuthTestClient,
  eventually,
  noise,
  packPhoto,
  photoWithGps,
  pixelFlood,
  png,
  provisionAllServices,
  queryRows,
  startS3Server,
  startServicesInProcess,
  startSmtpInbox,
  uploadImage,
} from '@agora/testing';
import type { InProcessServices, S3Server, SmtpInbox } from '@agora/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { mediaServiceDefinition } from '../src/media-service.definition.js';

interface Media {
  id: string;
  ownerId: string;
  contentHash: string;
  width: number;
  height: number;
  blurhash: string;
  sourceType: string;
  variants: { name: string; width: number; height: number; url: string }[];
}

const MAX_BYTES = 3_000_000;

/** The same behaviour on both storage drivers: the local disk, and S3 against a real S3-compatible server. */
describe.each(['disk', 's3'] as const)('media-service on the %s driver', (driver) => {
  const adminUrl = inject('testDatabaseUrl');
  let inbox: SmtpInbox;
  let s3: S3Server | undefined;
  let mediaDir: string;
  let platform: InProcessServices;
  let auth: AuthTestClient;
  let mediaUrl: string;
  let anna: { id: string; accessToken: string };
  let boris: { id: string; accessToken: string };
  let admin: string;

  const upload = (bytes: Buffer, fileName: string, token = anna.accessToken, contentType = 'image/png') =>
    uploadImage<Media & { code?: string }>(mediaUrl, token, bytes, fileName, contentType);
  const fileOf = (media: Media, variant: string) => fetch(`${mediaUrl}/media/${media.id}/${variant}.webp`);

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    mediaDir = await mkdtemp(path.join(tmpdir(), 'agora-media-'));
    const storage: Record<string, string> = { MEDIA_STORAGE: 'disk', MEDIA_DIR: mediaDir };
    if (driver === 's3') {
      s3 = await startS3Server();
      Object.assign(storage, {
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: 'agora-media-test',
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
    }
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition, mediaServiceDefinition], {
      SMTP_URL: inbox.url,
      ADMIN_EMAIL: `media.${driver}.root@example.com`,
      ADMIN_LOGIN: `media_${driver}_root`,
      ADMIN_PASSWORD: 'media admin passphrase',
      MEDIA_MAX_BYTES: String(MAX_BYTES),
      MEDIA_QUOTA_BYTES: String(1_500_000),
      ...storage,
    });
    auth = new AuthTestClient(platform.services.auth.url, inbox);
    mediaUrl = platform.services.media.url;
    anna = await auth.signedIn(`media_${driver}_anna`);
    boris = await auth.signedIn(`media_${driver}_boris`);
    admin = (
      await auth.call<{ accessToken: string }>('POST', '/authentication', {
        body: { login: `media_${driver}_root`, password: 'media admin passphrase' },
      })
    ).body.accessToken;
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
    await s3?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('stores a photo as WebP variants with sizes and a blurhash, EXIF and GPS gone', async () => {
    const photo = await photoWithGps();
    expect(photo.includes('AgoraCam')).toBe(true);
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const uploaded = await upload(photo, 'IMG_0001.jpg', anna.accessToken, 'image/jpeg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ ownerId: anna.id, sourceType: 'jpeg', width: 1600, height: 1200 });
    expect(uploaded.body.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/);
    expect(uploaded.body.variants.map(({ name, width, height }) => [name, width, height])).toEqual([
      ['thumb', 256, 192],
      ['medium', 1024, 768],
      ['original', 1600, 1200],
    ]);

    for (const variant of ['thumb', 'medium', 'original']) {
      const response = await fileOf(uploaded.body, variant);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toContain('immutable');
      const stored = Buffer.from(await response.arrayBuffer());
      const metadata = await sharp(stored).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.exif).toBeUndefined();
      expect(stored.includes('AgoraCam')).toBe(false);
      expect(stored.includes('Anna Secret')).toBe(false);
    }
    const metadata = await fetch(`${mediaUrl}/media/${uploaded.body.id}`);
    expect(await metadata.json()).toMatchObject({ id: uploaded.body.id, blurhash: uploaded.body.blurhash });
    const events = await queryRows<{ topic: string; payload: { ownerId: string } }>(
      adminUrl,
      `SELECT topic, payload FROM media.outbox WHERE key = $1`,
      [uploaded.body.id],
    );
    expect(events).toEqual([
      { topic: 'media.media.uploaded.v1', payload: expect.objectContaining({ ownerId: anna.id }) as object },
    ]);
  });

  it('decodes the barcode of a pack photo from its pixels once, into the upload event (none from a plain photo)', async () => {
    const barcodesOf = async (bytes: Buffer, name: string, contentType: string): Promise<string[]> => {
      const uploaded = await upload(bytes, name, boris.accessToken, contentType);
      expect(uploaded.status).toBe(201);
      const [event] = await queryRows<{ payload: { barcodes: string[] } }>(
        adminUrl,
        `SELECT payload FROM media.outbox WHERE key = $1 AND topic = 'media.media.uploaded.v1'`,
        [uploaded.body.id],
      );
      return event.payload.barcodes;
    };
    expect(await barcodesOf(await packPhoto('4006381333931'), 'pack.png', 'image/png')).toEqual([
      '4006381333931',
    ]);
    expect(
      await barcodesOf(await packPhoto('96385074', { format: 'jpeg' }), 'pack-8.jpg', 'image/jpeg'),
    ).toEqual(['96385074']);
    // The same label with no bars, and a photo of something else: nothing decoded.
    expect(await barcodesOf(await packPhoto(null), 'label.png', 'image/png')).toEqual([]);
    expect(await barcodesOf(await png(320, 200, 17), 'green.png', 'image/png')).toEqual([]);
    // The same bytes again are the same media: no second decode and no second event.
    const again = await upload(await packPhoto('4006381333931'), 'pack.png', boris.accessToken);
    expect(again.status).toBe(200);
    expect(
      await queryRows(adminUrl, `SELECT 1 FROM media.outbox WHERE key = $1`, [again.body.id]),
    ).toHaveLength(1);
  });

  it('accepts WebP and AVIF as well, deciding the type from the bytes whatever the name says', async () => {
    const base = sharp({
      create: { width: 400, height: 300, channels: 3, background: { r: 1, g: 2, b: 3 } },
    });
    for (const [format, bytes] of [
      ['webp', await base.clone().webp().toBuffer()],
      ['avif', await base.clone().avif().toBuffer()],
    ] as const) {
      const reply = await upload(bytes, 'named-wrongly.png');
      expect(reply.status, format).toBe(201);
      expect(reply.body).toMatchObject({ sourceType: format, width: 400, height: 300 });
    }
  });

  it('tells who uploaded a media, and the hash of its bytes, only to its owner and to admins', async () => {
    const uploaded = await upload(await png(48, 32, 77), 'private.png');
    expect(uploaded.body.ownerId).toBe(anna.id);
    expect(uploaded.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const read = async (token?: string) => {
      const reply = await fetch(`${mediaUrl}/media/${uploaded.body.id}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(reply.status).toBe(200);
      return (await reply.json()) as Record<string, unknown>;
    };
    for (const stranger of [undefined, boris.accessToken]) {
      const seen = await read(stranger);
      expect(seen).toMatchObject({ id: uploaded.body.id, width: 48, height: 32 });
      expect(seen).not.toHaveProperty('ownerId');
      expect(seen).not.toHaveProperty('contentHash');
    }
    for (const privileged of [anna.accessToken, admin]) {
      expect(await read(privileged)).toMatchObject({
        ownerId: anna.id,
        contentHash: uploaded.body.contentHash,
      });
    }
    // The owner's list shows each media as its own route does to the owner, variants and all; nobody else's.
    const mine = await fetch(`${mediaUrl}/media?limit=100`, {
      headers: { authorization: `Bearer ${anna.accessToken}` },
    });
    const page = (await mine.json()) as { items: Record<string, unknown>[] };
    expect(page.items.length).toBeGreaterThan(1);
    expect(page.items.every((media) => media['ownerId'] === anna.id)).toBe(true);
    for (const media of page.items) {
      const own = await fetch(`${mediaUrl}/media/${String(media['id'])}`, {
        headers: { authorization: `Bearer ${anna.accessToken}` },
      });
      expect(media).toEqual(await own.json());
    }
    expect(page.items.map((media) => media['id'])).toContain(uploaded.body.id);
  });

  it('returns the existing media when its owner uploads the same bytes again', async () => {
    const image = await png(640, 480, 10);
    const first = await upload(image, 'a.png');
    const again = await upload(image, 'copy-of-a.png');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const theirs = await upload(image, 'a.png', boris.accessToken);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('refuses what is not an image, polyglots, oversize files and pixel floods with 4xx', async () => {
    const jpeg = await photoWithGps(200, 150);
    const cases: [string, Buffer, number, string][] = [
      [
        'svg renamed .png',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'html renamed .png',
        Buffer.from('<!doctype html><html><body onload="alert(1)"></body></html>'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'jpeg/html polyglot renamed .png',
        Buffer.concat([jpeg, Buffer.from('<script>alert(document.cookie)</script>')]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['truncated png', (await png(300, 300)).subarray(0, 60), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['pixel flood 20000×20000', pixelFlood(), 413, 'IMAGE_TOO_LARGE'],
      ['over MEDIA_MAX_BYTES', Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES)]), 413, 'MEDIA_TOO_LARGE'],
    ];
    const before = await queryRows(adminUrl, `SELECT count(*) FROM media.media`);
    for (const [what, bytes, status, code] of cases) {
      const reply = await upload(bytes, 'innocent.png');
      expect(reply.status, what).toBe(status);
      expect(reply.body.code, what).toBe(code);
    }
    expect(await queryRows(adminUrl, `SELECT count(*) FROM media.media`)).toEqual(before);

    const anonymous = await fetch(`${mediaUrl}/media`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
    const json = await fetch(`${mediaUrl}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna.accessToken}`, 'content-type': 'application/json' },
      body: '{"file":"x"}',
    });
    expect(json.status).toBe(415);

    // Multipart bodies the reader cannot take apart are the client's 400, never a 500.
    const image = await png(8, 8);
    const part = (boundary: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        image,
        Buffer.from('\r\n'),
      ]);
    const broken: [string, string, Buffer][] = [
      ['no closing boundary', 'multipart/form-data; boundary=xyz', part('xyz')],
      [
        'no boundary parameter',
        'multipart/form-data',
        Buffer.concat([part('xyz'), Buffer.from('--xyz--\r\n')]),
      ],
      [
        'another boundary',
        'multipart/form-data; boundary=abc',
        Buffer.concat([part('xyz'), Buffer.from('--xyz--\r\n')]),
      ],
    ];
    for (const [what, contentType, body] of broken) {
      const reply = await fetch(`${mediaUrl}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${anna.accessToken}`, 'content-type': contentType },
        body,
      });
      expect(reply.status, what).toBeGreaterThanOrEqual(400);
      expect(reply.status, what).toBeLessThan(500);
      expect(reply.headers.get('content-type'), what).toContain('application/problem+json');
      expect(((await reply.json()) as { code?: string }).code, what).toMatch(/^[A-Z_]+$/);
    }
    expect(await queryRows(adminUrl, `SELECT count(*) FROM media.media`)).toEqual(before);

    expect((await fetch(`${mediaUrl}/media/${anna.id}/thumb.webp`)).status).toBe(404);
    expect((await fetch(`${mediaUrl}/media/not-a-uuid/thumb.webp`)).status).toBe(400);
    expect((await fetch(`${mediaUrl}/media/${anna.id}/..%2f..%2fetc%2fpasswd`)).status).toBe(400);
  });

  it('keeps each user within their quota', async () => {
    const carol = await auth.signedIn(`media_${driver}_carol`);
    // Random pixels: each upload stores about 0.9 MB of variants; the quota is 1.5 MB.
    expect((await upload(await noise(800, 800), 'noise-1.png', carol.accessToken)).status).toBe(201);
    const over = await upload(await noise(800, 800), 'noise-2.png', carol.accessToken);
    expect(over.body).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(over.status).toBe(403);
    expect((await upload(await png(800, 600), 'small.png', carol.accessToken)).status).toBe(201);
  });

  it('lets only the owner or an admin delete a media, files and all', async () => {
    const mine = await upload(await png(500, 500, 200), 'mine.png');
    expect(
      (
        await fetch(`${mediaUrl}/media/${mine.body.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${boris.accessToken}` },
        })
      ).status,
    ).toBe(403);
    const deleted = await fetch(`${mediaUrl}/media/${mine.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${anna.accessToken}` },
    });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${mediaUrl}/media/${mine.body.id}`)).status).toBe(404);
    expect((await fileOf(mine.body, 'thumb')).status).toBe(404);
    const events = await queryRows<{ topic: string; payload: { reason: string } }>(
      adminUrl,
      `SELECT topic, payload FROM media.outbox WHERE key = $1 ORDER BY id`,
      [mine.body.id],
    );
    expect(events.at(-1)).toMatchObject({
      topic: 'media.media.deleted.v1',
      payload: { reason: 'deleted-by-owner' },
    });

    const borisMedia = await upload(await png(400, 300, 33), 'b.png', boris.accessToken);
    const byAdmin = await fetch(`${mediaUrl}/media/${borisMedia.body.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(byAdmin.status).toBe(204);
  });

  it('keeps the photos of a post through the orphan sweep, and sweeps what nothing shows', async () => {
    const shown = await upload(await png(320, 240, 71), 'post.png');
    const orphan = await upload(await png(320, 240, 72), 'orphan.png');
    const createdAt = new Date().toISOString();
    await platform.bus.publish([
      {
        id: uuidv7(),
        topic: 'social.post.created.v1',
        key: uuidv7(),
        occurredAt: createdAt,
        payload: {
          postId: uuidv7(),
          authorId: anna.id,
          visibility: 'public',
          mentions: [],
          tags: [],
          mediaIds: [shown.body.id],
          item: null,
          createdAt,
        },
      },
    ]);
    await eventually(
      async () =>
        (
          await queryRows<{ attached_at: string | null }>(
            adminUrl,
            `SELECT attached_at FROM media.media WHERE id = $1`,
            [shown.body.id],
          )
        )[0]?.attached_at ?? undefined,
      10_000,
      'media-service to hear of the post',
    );
    await queryRows(
      adminUrl,
      `UPDATE media.media SET created_at = now() - interval '2 days' WHERE id = ANY($1)`,
      [[shown.body.id, orphan.body.id]],
    );
    const swept = await platform.services.media.jobs.run<number>('media.sweep-orphans');
    expect(swept.ran).toBe(true);
    const left = await queryRows<{ id: string }>(adminUrl, `SELECT id FROM media.media WHERE id = ANY($1)`, [
      [shown.body.id, orphan.body.id],
    ]);
    expect(left.map((row) => row.id)).toEqual([shown.body.id]);
  });
});
