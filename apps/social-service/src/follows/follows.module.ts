import { Module } from '@nestjs/common';
import { FollowsController } from './follows.controller.js';
import { FollowsRepository } from './follows.repository.js';
import { FollowsService } from './follows.service.js';
import { ProfileRelationsController } from './profile-relations.controller.js';

@Module({
  controllers: [FollowsController, ProfileRelationsController],
  providers: [FollowsService, FollowsRepository],
  exports: [FollowsService, FollowsRepository],
})
export class FollowsModule {}
