import { AuthModule } from '@agora/auth';
import { RateLimitModule } from '@agora/rate-limit';
import type { ServiceDefinition } from '@agora/runtime';
import multipart from '@fastify/multipart';
import { Module } from '@nestjs/common';
import { MediaConfig } from './media.config.js';
import { MediaEntity, MediaVariantEntity } from './media/media.entity.js';
import { MediaModule } from './media/media.module.js';
import { mediaMigrations } from './migrations/index.js';

@Module({ imports: [AuthModule.forRoot(), RateLimitModule.forRoot(), MediaModule] })
export class MediaServiceModule {}

export const mediaServiceDefinition: ServiceDefinition<MediaConfig> = {
  name: 'media',
  title: 'Agora media-service',
  description: 'Photo uploads, content checks, EXIF stripping, variants, per-side slots, S3 or disk storage.',
  module: MediaServiceModule,
  entities: [MediaEntity, MediaVariantEntity],
  migrations: mediaMigrations,
  config: MediaConfig,
  // One file per request, within MEDIA_MAX_BYTES; read into memory, checked, then re-encoded.
  configure: async (app) => {
    const config = app.get(MediaConfig);
    await app.register(multipart, {
      limits: { fileSize: config.MEDIA_MAX_BYTES, files: 1, fields: 0, parts: 1 },
    });
  },
};
