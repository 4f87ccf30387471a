import { AuthModule } from '@agora/auth';
import { ServiceConfig } from '@agora/config';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { socialMigrations } from './migrations/index.js';
import { EarlyAccountEventEntity } from './profiles/early-account-event.entity.js';
import { ProfileEntity } from './profiles/profile.entity.js';
import { ProfilesModule } from './profiles/profiles.module.js';

@Module({ imports: [AuthModule.forRoot(), ProfilesModule] })
export class SocialServiceModule {}

export const socialServiceDefinition: ServiceDefinition = {
  name: 'social',
  title: 'Agora social-service',
  description: 'Profiles, follows, posts, feed, likes, comments, chats and notifications.',
  module: SocialServiceModule,
  entities: [ProfileEntity, EarlyAccountEventEntity],
  migrations: socialMigrations,
  config: ServiceConfig,
  configure: (app) => {
    app.useWebSocketAdapter(new IoAdapter(app));
  },
};
