import { Module } from '@nestjs/common';
import { FollowsModule } from '../follows/follows.module.js';
import { MediaCopyService } from './media-copy.service.js';
import { PostsController } from './posts.controller.js';
import { PostsRepository } from './posts.repository.js';
import { PostsService } from './posts.service.js';
import { ProfilePostsController } from './profile-posts.controller.js';
import { ReferencesEvents } from './references.events.js';
import { ReferencesRepository } from './references.repository.js';
import { ReferencesService } from './references.service.js';

@Module({
  imports: [FollowsModule],
  controllers: [PostsController, ProfilePostsController, ReferencesEvents],
  providers: [PostsService, PostsRepository, ReferencesService, ReferencesRepository, MediaCopyService],
  exports: [PostsRepository, ReferencesRepository, MediaCopyService],
})
export class PostsModule {}
