import { Module } from '@nestjs/common';
import { AchievementsModule } from '../achievements/achievements.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { HabitsController } from './habits.controller.js';
import { HabitsRepository } from './habits.repository.js';
import { HabitsService } from './habits.service.js';

/** CoTask's habit tracker (issue 19); exports HabitsService for the productivity profile. */
@Module({
  imports: [AchievementsModule, RemindersModule],
  controllers: [HabitsController],
  providers: [HabitsRepository, HabitsService],
  exports: [HabitsService],
})
export class HabitsModule {}
