import { Module } from '@nestjs/common';
import { AchievementsModule } from '../achievements/achievements.module.js';
import { CardsModule } from '../cards/cards.module.js';
import { HabitsModule } from '../habits/habits.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ProductivityController } from './productivity.controller.js';

/** The productivity profile: each CoTask block's aggregates of a user, as their profile's viewers may see them. */
@Module({
  imports: [AchievementsModule, TasksModule, HabitsModule, CardsModule],
  controllers: [ProductivityController],
})
export class ProductivityModule {}
