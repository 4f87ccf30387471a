import { Module } from '@nestjs/common';
import { FollowsModule } from '../../follows/follows.module.js';
import { PostsModule } from '../../posts/posts.module.js';
import { AchievementsController } from './achievements.controller.js';
import { AchievementsRepository } from './achievements.repository.js';
import { AchievementsService } from './achievements.service.js';

@Module({
  imports: [PostsModule, FollowsModule],
  controllers: [AchievementsController],
  providers: [AchievementsRepository, AchievementsService],
  exports: [AchievementsService],
})
export class AchievementsModule {}
