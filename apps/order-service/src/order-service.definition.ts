import { ServiceConfig } from '@agora/config';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { orderMigrations } from './migrations/index.js';

/** Feature modules of order-service are imported here as they land. */
@Module({})
export class OrderServiceModule {}

export const orderServiceDefinition: ServiceDefinition = {
  name: 'order',
  title: 'Agora order-service',
  description: 'Carts, orders with a status state machine, payments and admin mail.',
  module: OrderServiceModule,
  entities: [],
  migrations: orderMigrations,
  config: ServiceConfig,
};
