import { ServiceConfig } from '@agora/config';
import type { ServiceDefinition } from '@agora/http';
import { Module } from '@nestjs/common';
import { mediaMigrations } from './migrations/index.js';

/** Feature modules of media-service are imported here as they land. */
@Module({})
export class MediaServiceModule {}

export const mediaServiceDefinition: ServiceDefinition = {
  name: 'media',
  title: 'Agora media-service',
  description: 'Photo uploads, content checks, EXIF stripping, variants, per-side slots, S3 or disk storage.',
  module: MediaServiceModule,
  entities: [],
  migrations: mediaMigrations,
  config: ServiceConfig,
};
