import { Module } from '@nestjs/common';
import { MediaConfig } from '../media.config.js';
import { DiskStorage } from '../storage/disk-storage.js';
import { MediaStorage } from '../storage/media-storage.js';
import { S3Storage } from '../storage/s3-storage.js';
import { MediaAttachmentsService } from './media-attachments.service.js';
import { MediaEvents } from './media.events.js';
import { MediaController } from './media.controller.js';
import { MediaRecordController } from './media-record.controller.js';
import { MediaService } from './media.service.js';
import { MediaRepository } from './media.repository.js';
import { OrphanSweepJob } from './orphan-sweep.job.js';

/** The storage driver MEDIA_STORAGE names, opened (bucket or folder created) before the app listens. */
async function openStorage(config: MediaConfig): Promise<MediaStorage> {
  const storage =
    config.MEDIA_STORAGE === 's3'
      ? new S3Storage({
          bucket: config.S3_BUCKET,
          ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
          region: config.S3_REGION,
          forcePathStyle: config.S3_FORCE_PATH_STYLE,
          accessKeyId: config.S3_ACCESS_KEY_ID,
          secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        })
      : new DiskStorage(config.MEDIA_DIR);
  await storage.open();
  return storage;
}

@Module({
  controllers: [MediaController, MediaRecordController, MediaEvents],
  providers: [
    MediaService,
    MediaRepository,
    MediaAttachmentsService,
    OrphanSweepJob,
    { provide: MediaStorage, useFactory: openStorage, inject: [MediaConfig] },
  ],
})
export class MediaModule {}
