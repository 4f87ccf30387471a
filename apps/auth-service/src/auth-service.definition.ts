import { ServiceConfig } from '@agora/config';
import type { ServiceDefinition } from '@agora/http';
import { Module } from '@nestjs/common';
import { authMigrations } from './migrations/index.js';
import { UserEntity } from './users/user.entity.js';
import { UsersModule } from './users/users.module.js';

@Module({ imports: [UsersModule] })
export class AuthServiceModule {}

export const authServiceDefinition: ServiceDefinition = {
  name: 'auth',
  title: 'Agora auth-service',
  description: 'Registration, identities, credentials, tokens, OAuth, roles and user management.',
  module: AuthServiceModule,
  entities: [UserEntity],
  migrations: authMigrations,
  config: ServiceConfig,
};
