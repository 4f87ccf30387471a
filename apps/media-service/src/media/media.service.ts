import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type MediaDeletionReason } from '@agora/contracts';
import { newId, OutboxWriter, uniqueViolation } from '@agora/database';
import { findPage, mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { MediaErrorCode, MediaException } from '../media.errors.js';
import { processImage, type ProcessedImage } from '../images/image-processor.js';
import { ProcessingSlots } from '../images/processing-slots.js';
import { MediaConfig } from '../media.config.js';
import { MediaStorage, type StoredFile } from '../storage/media-storage.js';
import { MediaEntity, MediaVariantEntity } from './media.entity.js';
import { toMediaDto, type MediaDto, type MediaPageDto } from './media.dto.js';

const notFound = (id: string): MediaException =>
  new MediaException(MediaErrorCode.MEDIA_NOT_FOUND, `No media ${id}`);

export interface UploadResult {
  readonly media: MediaDto;
  /** False when the owner had already uploaded these bytes: the existing media is returned. */
  readonly created: boolean;
}

/** Uploads: checked, re-encoded into variants, stored, deduplicated per owner, counted against a quota. */
@Injectable()
export class MediaService {
  private readonly slots: ProcessingSlots;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: MediaStorage,
    private readonly outbox: OutboxWriter,
    private readonly config: MediaConfig,
  ) {
    this.slots = new ProcessingSlots(config.MEDIA_PROCESSING_CONCURRENCY);
  }

  async upload(owner: AuthenticatedUser, bytes: Buffer): Promise<UploadResult> {
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.findByHash(owner, contentHash);
    if (existing) {
      return { media: existing, created: false };
    }
    const image = await this.slots.run(() =>
      processImage(bytes, {
        maxPixels: this.config.MEDIA_MAX_PIXELS,
        originalMaxEdge: this.config.MEDIA_ORIGINAL_MAX_EDGE,
      }),
    );
    const storedBytes = image.variants.reduce((sum, variant) => sum + variant.data.length, 0);
    // A first look saves storing files that cannot fit; the check that counts is inside the transaction.
    await this.checkQuota(this.dataSource.manager, owner.id, storedBytes);

    const media = this.dataSource.manager.create(MediaEntity, {
      ownerId: owner.id,
      contentHash,
      sourceType: image.sourceType,
      width: image.width,
      height: image.height,
      blurhash: image.blurhash,
      storedBytes: String(storedBytes),
    });
    media.id = newId();
    const variants = await this.store(media.id, image);
    try {
      await this.dataSource.transaction(async (manager) => {
        // One owner's uploads are counted and stored one at a time, so parallel ones cannot overshoot.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('media.quota:' || $1, 0))`, [
          owner.id,
        ]);
        await this.checkQuota(manager, owner.id, storedBytes);
        await manager.save(media);
        await manager.save(variants);
        await this.outbox.add(manager, Topics.MediaUploaded, media.id, {
          mediaId: media.id,
          ownerId: owner.id,
          width: media.width,
          height: media.height,
          blurhash: media.blurhash,
          variants: variants.map(({ name, width, height }) => ({ name, width, height })),
          uploadedAt: new Date().toISOString(),
        });
      });
    } catch (error) {
      await this.removeFiles(variants);
      // The same bytes uploaded twice at once: the first one wins, the second gets it.
      const raced = uniqueViolation(error) ? await this.findByHash(owner, contentHash) : null;
      if (raced) {
        return { media: raced, created: false };
      }
      throw error;
    }
    media.variants = variants;
    return { media: toMediaDto(media, owner), created: true };
  }

  /** A media's metadata; its owner and admins also see who uploaded it and the bytes' hash. */
  async get(viewer: AuthenticatedUser | undefined, id: string): Promise<MediaDto> {
    return toMediaDto(await this.find(this.dataSource.manager, id), viewer);
  }

  async listOwn(owner: AuthenticatedUser, query: ParsedListQuery): Promise<MediaPageDto> {
    const builder = this.dataSource.manager
      .createQueryBuilder(MediaEntity, 'media')
      .leftJoinAndSelect('media.variants', 'variant')
      .where('media.ownerId = :ownerId', { ownerId: owner.id });
    return mapPage(await findPage(builder, query), (media) => toMediaDto(media, owner));
  }

  /** A variant's file, streamed from storage. */
  async file(id: string, name: string): Promise<StoredFile> {
    const variant = await this.dataSource.manager.findOneBy(MediaVariantEntity, { mediaId: id, name });
    const file = variant ? await this.storage.get(variant.storageKey) : null;
    if (!file) {
      throw notFound(`${id}/${name}`);
    }
    return file;
  }

  /** The owner or an admin deletes a media: its row, its files, and an event for whatever shows it. */
  async delete(user: AuthenticatedUser, id: string): Promise<void> {
    const media = await this.find(this.dataSource.manager, id);
    if (media.ownerId !== user.id && user.role !== 'admin') {
      throw new MediaException(MediaErrorCode.NOT_YOUR_MEDIA, 'Only its owner or an admin deletes a media');
    }
    await this.remove(media, media.ownerId === user.id ? 'deleted-by-owner' : 'deleted-by-admin');
  }

  /** Deletes the rows with an event in one transaction, then the files. */
  async remove(media: MediaEntity, reason: MediaDeletionReason): Promise<void> {
    const variants =
      media.variants ?? (await this.dataSource.manager.findBy(MediaVariantEntity, { mediaId: media.id }));
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(MediaEntity, { id: media.id });
      await this.outbox.add(manager, Topics.MediaDeleted, media.id, {
        mediaId: media.id,
        ownerId: media.ownerId,
        reason,
        deletedAt: new Date().toISOString(),
      });
    });
    await this.removeFiles(variants);
  }

  private async store(mediaId: string, image: ProcessedImage): Promise<MediaVariantEntity[]> {
    const variants = image.variants.map((variant) =>
      this.dataSource.manager.create(MediaVariantEntity, {
        mediaId,
        name: variant.name,
        storageKey: `media/${mediaId}/${variant.name}.webp`,
        contentType: 'image/webp',
        width: variant.width,
        height: variant.height,
        bytes: variant.data.length,
      }),
    );
    try {
      await Promise.all(
        image.variants.map((variant, index) =>
          this.storage.put(variants[index].storageKey, variant.data, 'image/webp'),
        ),
      );
    } catch (error) {
      await this.removeFiles(variants);
      throw error;
    }
    return variants;
  }

  private async removeFiles(variants: readonly MediaVariantEntity[]): Promise<void> {
    await Promise.allSettled(variants.map((variant) => this.storage.delete(variant.storageKey)));
  }

  private async checkQuota(manager: EntityManager, ownerId: string, adding: number): Promise<void> {
    const [{ used }] = await manager.query<{ used: string }[]>(
      `SELECT coalesce(sum(stored_bytes), 0) AS used FROM media.media WHERE owner_id = $1`,
      [ownerId],
    );
    if (Number(used) + adding > this.config.MEDIA_QUOTA_BYTES) {
      throw new MediaException(
        MediaErrorCode.QUOTA_EXCEEDED,
        `Your media would take ${Number(used) + adding} bytes; the quota is ${this.config.MEDIA_QUOTA_BYTES}`,
      );
    }
  }

  private async findByHash(owner: AuthenticatedUser, contentHash: string): Promise<MediaDto | null> {
    const media = await this.dataSource.manager.findOne(MediaEntity, {
      where: { ownerId: owner.id, contentHash },
      relations: { variants: true },
    });
    return media ? toMediaDto(media, owner) : null;
  }

  private async find(manager: EntityManager, id: string): Promise<MediaEntity> {
    const media = await manager.findOne(MediaEntity, { where: { id }, relations: { variants: true } });
    if (!media) {
      throw notFound(id);
    }
    return media;
  }
}
