import { Module } from '@nestjs/common';
import { CardsModule } from '../cards/cards.module.js';
import { HabitsModule } from '../habits/habits.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { GOAL_PLANNER } from './goal-plan.js';
import { GoalsController } from './goals.controller.js';
import { GoalsRepository } from './goals.repository.js';
import { GoalsService } from './goals.service.js';
import { TemplateGoalPlanner } from './template-goal-planner.js';

@Module({
  imports: [TasksModule, HabitsModule, CardsModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService, { provide: GOAL_PLANNER, useClass: TemplateGoalPlanner }],
})
export class GoalsModule {}
