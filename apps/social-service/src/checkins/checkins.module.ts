import { Module } from '@nestjs/common';
import { PostsModule } from '../posts/posts.module.js';
import { CheckinActivityService } from './checkin-activity.service.js';
import { CheckinRefsRepository } from './checkin-refs.repository.js';
import { CheckinsEvents } from './checkins.events.js';

@Module({
  imports: [PostsModule],
  controllers: [CheckinsEvents],
  providers: [CheckinRefsRepository, CheckinActivityService],
})
export class CheckinsModule {}
