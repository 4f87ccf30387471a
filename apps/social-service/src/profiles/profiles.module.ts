import { Module } from '@nestjs/common';
import { PostsModule } from '../posts/posts.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesEvents } from './profiles.events.js';
import { ProfilesRepository } from './profiles.repository.js';
import { ProfilesService } from './profiles.service.js';

@Module({
  imports: [RealtimeModule, PostsModule],
  controllers: [ProfilesController, ProfilesEvents],
  providers: [ProfilesService, ProfilesRepository],
})
export class ProfilesModule {}
