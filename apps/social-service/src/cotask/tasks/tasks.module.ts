import { Module } from '@nestjs/common';
import { FollowsModule } from '../../follows/follows.module.js';
import { AchievementsModule } from '../achievements/achievements.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';
import { TasksController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';

/** CoTask's task manager: projects, sections, sharing, tasks, recurrence, reminders (issue 19). */
@Module({
  imports: [FollowsModule, AchievementsModule, RemindersModule],
  controllers: [ProjectsController, TasksController],
  providers: [ProjectsRepository, ProjectsService, TasksRepository, TasksService],
  exports: [TasksService],
})
export class TasksModule {}
