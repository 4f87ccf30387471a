import { Topics } from '@agora/contracts';
import type { OutboxWriter, Tx } from '@agora/database';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import sharp from 'sharp';
import { QueryFailedError } from 'typeorm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { MediaConfig } from '../media.config.js';
import { MediaErrorCode, MediaException } from '../media.errors.js';
import type { MediaStorage } from '../storage/media-storage.js';
import { MediaEntity, MediaVariantEntity } from './media.entity.js';
import type { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';

const tx = {} as Tx;
const ann = actingUser('ann');
const config = {
  MEDIA_QUOTA_BYTES: 1_000_000,
  MEDIA_MAX_PIXELS: 50_000_000,
  MEDIA_ORIGINAL_MAX_EDGE: 2560,
  MEDIA_PROCESSING_CONCURRENCY: 1,
} as MediaConfig;

let photo: Buffer;
beforeAll(async () => {
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#6f4e37' } })
    .png()
    .toBuffer();
});

const stored = (values: Partial<MediaEntity> = {}): MediaEntity =>
  Object.assign(new MediaEntity(), {
    id: 'media-1',
    ownerId: 'ann',
    contentHash: 'hash',
    sourceType: 'png',
    width: 64,
    height: 48,
    blurhash: 'L00000',
    storedBytes: '1000',
    attachedAt: null,
    createdAt: new Date('2026-11-30T10:00:00Z'),
    variants: [
      Object.assign(new MediaVariantEntity(), { mediaId: 'media-1', name: 'thumb', storageKey: 'k' }),
    ],
    ...values,
  });

/** A storage that keeps what is put, so a test sees what was stored and what was taken away again. */
function memoryStorage() {
  const files = new Map<string, Buffer>();
  return {
    files,
    storage: strictMock<MediaStorage>('MediaStorage', {
      put: (key: string, body: Buffer) => {
        files.set(key, body);
        return Promise.resolve();
      },
      delete: (key: string) => {
        files.delete(key);
        return Promise.resolve();
      },
    }),
  };
}

function service(media: Partial<MediaRepository>, storage: MediaStorage, outbox: Partial<OutboxWriter> = {}) {
  return new MediaService(
    strictMock<MediaRepository>('MediaRepository', media),
    inlineUnitOfWork(tx),
    storage,
    strictMock<OutboxWriter>('OutboxWriter', outbox),
    config,
  );
}

describe('MediaService', () => {
  it('refuses an upload over the quota before storing any file', async () => {
    const media = service(
      { findByHash: () => Promise.resolve(null), usedBytes: () => Promise.resolve(config.MEDIA_QUOTA_BYTES) },
      strictMock<MediaStorage>('MediaStorage'),
    );
    const error = await rejectionOf(media.upload(ann, photo), MediaException);
    expect(error.code).toBe(MediaErrorCode.QUOTA_EXCEEDED);
  });

  it('counts the quota again under the owner’s lock, and takes the stored files away when it no longer fits', async () => {
    const { files, storage } = memoryStorage();
    const lockOwnerQuota = vi.fn(() => Promise.resolve());
    // Room at the first look; a parallel upload of the same owner filled it before the lock was ours.
    const usedBytes = vi
      .fn<(ownerId: string, tx?: Tx) => Promise<number>>()
      .mockResolvedValueOnce(0)
      .mockResolvedValueOnce(config.MEDIA_QUOTA_BYTES);
    const media = service({ findByHash: () => Promise.resolve(null), usedBytes, lockOwnerQuota }, storage);
    const error = await rejectionOf(media.upload(ann, photo), MediaException);
    expect(error.code).toBe(MediaErrorCode.QUOTA_EXCEEDED);
    expect(lockOwnerQuota).toHaveBeenCalledWith(tx, 'ann');
    expect(usedBytes).toHaveBeenLastCalledWith('ann', tx);
    expect(files.size).toBe(0);
  });

  it('stores the variants, the row and the upload event together', async () => {
    const { files, storage } = memoryStorage();
    // As the database does: the row gets its creation time.
    const insert = vi.fn((_tx: Tx, row: MediaEntity) => {
      row.createdAt = new Date();
      return Promise.resolve();
    });
    const add = vi.fn(() => Promise.resolve('event-1'));
    const media = service(
      {
        findByHash: () => Promise.resolve(null),
        usedBytes: () => Promise.resolve(0),
        lockOwnerQuota: () => Promise.resolve(),
        insert,
      },
      storage,
      { add },
    );
    const { media: uploaded, created } = await media.upload(ann, photo);
    expect(created).toBe(true);
    expect(uploaded).toMatchObject({ ownerId: 'ann', width: 64, height: 48, sourceType: 'png' });
    expect(files.size).toBe(uploaded.variants.length);
    expect(insert).toHaveBeenCalledOnce();
    expect(add).toHaveBeenCalledWith(
      tx,
      Topics.MediaUploaded,
      uploaded.id,
      expect.objectContaining({ mediaId: uploaded.id, ownerId: 'ann' }),
    );
  });

  it('answers the same bytes uploaded twice at once with the first upload, keeping no second copy', async () => {
    const { files, storage } = memoryStorage();
    const first = stored({ contentHash: 'same' });
    const duplicate = new QueryFailedError(
      'INSERT',
      [],
      Object.assign(new Error('duplicate key'), {
        code: '23505',
        constraint: 'media_owner_hash_key',
      }),
    );
    const findByHash = vi
      .fn<(ownerId: string, hash: string) => Promise<MediaEntity | null>>()
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce(first);
    const media = service(
      {
        findByHash,
        usedBytes: () => Promise.resolve(0),
        lockOwnerQuota: () => Promise.resolve(),
        insert: () => Promise.reject(duplicate),
      },
      storage,
      { add: () => Promise.resolve('event-1') },
    );
    const answer = await media.upload(ann, photo);
    expect(answer).toMatchObject({ created: false, media: { id: 'media-1' } });
    expect(files.size).toBe(0);
  });

  it('lets only the owner or an admin delete a media, and says who did', async () => {
    const remove = vi.fn(() => Promise.resolve());
    const add = vi.fn(() => Promise.resolve('event-1'));
    const { storage } = memoryStorage();
    const media = service({ find: () => Promise.resolve(stored()), delete: remove }, storage, { add });
    const error = await rejectionOf(media.delete(actingUser('bob'), 'media-1'), MediaException);
    expect(error.code).toBe(MediaErrorCode.NOT_YOUR_MEDIA);
    expect(remove).not.toHaveBeenCalled();
    await media.delete(actingUser('root', 'admin'), 'media-1');
    expect(remove).toHaveBeenCalledWith(tx, 'media-1');
    expect(add).toHaveBeenCalledWith(
      tx,
      Topics.MediaDeleted,
      'media-1',
      expect.objectContaining({ reason: 'deleted-by-admin', ownerId: 'ann' }),
    );
  });
});
