import type { AuthenticatedUser } from '@agora/auth';
import { Topics, type MediaDeletionReason, type MediaRecordV1 } from '@agora/contracts';
import { newId, OutboxWriter, uniqueViolation, UnitOfWork } from '@agora/database';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MediaErrorCode, MediaException } from '../media.errors.js';
import { processImage, type ProcessedImage } from '../images/image-processor.js';
import { ProcessingSlots } from '../images/processing-slots.js';
import { MediaConfig } from '../media.config.js';
import { MediaStorage, type StoredFile } from '../storage/media-storage.js';
import { MediaEntity, MediaVariantEntity } from './media.entity.js';
import { toMediaDto, toMediaUploaded, type MediaDto, type MediaPageDto } from './media.dto.js';
import { MediaRepository } from './media.repository.js';

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
    private readonly media: MediaRepository,
    private readonly unitOfWork: UnitOfWork,
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
    this.checkQuota(await this.media.usedBytes(owner.id), storedBytes);

    const media = Object.assign(new MediaEntity(), {
      id: newId(),
      ownerId: owner.id,
      contentHash,
      sourceType: image.sourceType,
      width: image.width,
      height: image.height,
      blurhash: image.blurhash,
      barcodes: [...image.barcodes],
      storedBytes: String(storedBytes),
    });
    const variants = await this.store(media.id, image);
    try {
      await this.unitOfWork.run(async (tx) => {
        // One owner's uploads are counted and stored one at a time, so parallel ones cannot overshoot.
        await this.media.lockOwnerQuota(tx, owner.id);
        this.checkQuota(await this.media.usedBytes(owner.id, tx), storedBytes);
        await this.media.insert(tx, media, variants);
        await this.outbox.add(
          tx,
          Topics.MediaUploaded,
          media.id,
          toMediaUploaded(media, variants, new Date()),
        );
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
    return toMediaDto(await this.find(id), viewer);
  }

  /** A stored media as its `media.media.uploaded.v1` told it, for services its event has not reached yet. */
  async record(id: string): Promise<MediaRecordV1> {
    const media = await this.find(id);
    return toMediaUploaded(media, media.variants ?? [], media.createdAt);
  }

  async listOwn(owner: AuthenticatedUser, query: ParsedListQuery): Promise<MediaPageDto> {
    return mapPage(await this.media.pageOfOwner(owner.id, query), (media) => toMediaDto(media, owner));
  }

  /** A variant's file, streamed from storage. */
  async file(id: string, name: string): Promise<StoredFile> {
    const variant = await this.media.variant(id, name);
    const file = variant ? await this.storage.get(variant.storageKey) : null;
    if (!file) {
      throw notFound(`${id}/${name}`);
    }
    return file;
  }

  /** The owner or an admin deletes a media: its row, its files, and an event for whatever shows it. */
  async delete(user: AuthenticatedUser, id: string): Promise<void> {
    const media = await this.find(id);
    if (media.ownerId !== user.id && user.role !== 'admin') {
      throw new MediaException(MediaErrorCode.NOT_YOUR_MEDIA, 'Only its owner or an admin deletes a media');
    }
    await this.remove(media, media.ownerId === user.id ? 'deleted-by-owner' : 'deleted-by-admin');
  }

  /** Deletes the rows with an event in one transaction, then the files. */
  async remove(media: MediaEntity, reason: MediaDeletionReason): Promise<void> {
    const variants = media.variants ?? (await this.media.variantsOf(media.id));
    await this.unitOfWork.run(async (tx) => {
      await this.media.delete(tx, media.id);
      await this.outbox.add(tx, Topics.MediaDeleted, media.id, {
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
      Object.assign(new MediaVariantEntity(), {
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

  private checkQuota(used: number, adding: number): void {
    if (used + adding > this.config.MEDIA_QUOTA_BYTES) {
      throw new MediaException(
        MediaErrorCode.QUOTA_EXCEEDED,
        `Your media would take ${used + adding} bytes; the quota is ${this.config.MEDIA_QUOTA_BYTES}`,
      );
    }
  }

  private async findByHash(owner: AuthenticatedUser, contentHash: string): Promise<MediaDto | null> {
    const media = await this.media.findByHash(owner.id, contentHash);
    return media ? toMediaDto(media, owner) : null;
  }

  private async find(id: string): Promise<MediaEntity> {
    const media = await this.media.find(id);
    if (!media) {
      throw notFound(id);
    }
    return media;
  }
}
