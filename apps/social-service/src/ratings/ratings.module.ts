import { Module } from '@nestjs/common';
import { PostsModule } from '../posts/posts.module.js';
import { RatingsEvents } from './ratings.events.js';
import { RatingsRepository } from './ratings.repository.js';
import { RatingsService } from './ratings.service.js';

@Module({
  imports: [PostsModule],
  controllers: [RatingsEvents],
  providers: [RatingsRepository, RatingsService],
})
export class RatingsModule {}
