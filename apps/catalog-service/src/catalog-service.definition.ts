import { ServiceConfig } from '@agora/config';
import type { ServiceDefinition } from '@agora/http';
import { Module } from '@nestjs/common';
import { catalogMigrations } from './migrations/index.js';

/** Feature modules of catalog-service are imported here as they land. */
@Module({})
export class CatalogServiceModule {}

export const catalogServiceDefinition: ServiceDefinition = {
  name: 'catalog',
  title: 'Agora catalog-service',
  description:
    'Coffees, watches, mechanisms, products, dictionaries, drafts and moderation, reviews, search, shop info.',
  module: CatalogServiceModule,
  entities: [],
  migrations: catalogMigrations,
  config: ServiceConfig,
};
