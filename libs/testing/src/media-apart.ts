import type { EventEnvelope, MediaUploadedV1 } from '@agora/contracts';
import type { ServiceDefinition } from '@agora/runtime';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServicesInProcess } from './in-process-services.js';
import { freePort } from './processes.js';
import { queryRows } from './test-database.js';

export interface MediaApart {
  /** media-service's own address, to give the services under test as MEDIA_URL. */
  readonly url: string;
  /** Starts it, taking the tokens of the auth-service whose key set is at `jwksUrl`. */
  start(jwksUrl: string): Promise<void>;
  /** The `media.media.uploaded.v1` media-service wrote for a media, held back until the spec delivers it. */
  heldBack(mediaId: string): Promise<EventEnvelope<'media.media.uploaded.v1'>>;
  close(): Promise<void>;
}

/**
 * media-service in this process on a bus of its own: its events reach no other service until a spec delivers
 * them, as if Kafka were slow. Its address is known before it starts, so the services that read it (MEDIA_URL)
 * can start first, auth-service among them.
 */
export async function startMediaApart(adminUrl: string, definition: ServiceDefinition): Promise<MediaApart> {
  const port = await freePort();
  const mediaDir = await mkdtemp(path.join(tmpdir(), 'agora-media-apart-'));
  let running: { close(): Promise<void> } | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    async start(jwksUrl: string) {
      running = await startServicesInProcess(adminUrl, [definition], {
        PORT: String(port),
        JWKS_URL: jwksUrl,
        MEDIA_STORAGE: 'disk',
        MEDIA_DIR: mediaDir,
      });
    },
    async heldBack(mediaId: string) {
      const [row] = await queryRows<{ id: string; payload: MediaUploadedV1; created_at: Date }>(
        adminUrl,
        `SELECT id, payload, created_at FROM media.outbox WHERE key = $1 AND topic = 'media.media.uploaded.v1'`,
        [mediaId],
      );
      if (!row) {
        throw new Error(`media-service wrote no upload event for ${mediaId}`);
      }
      return {
        id: row.id,
        topic: 'media.media.uploaded.v1',
        key: mediaId,
        occurredAt: new Date(row.created_at).toISOString(),
        payload: row.payload,
      };
    },
    async close() {
      await running?.close();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}
