import { Module } from '@nestjs/common';
import { GOAL_PLANNER } from './goal-plan.js';
import { GoalsController } from './goals.controller.js';
import { GoalsRepository } from './goals.repository.js';
import { GoalsService } from './goals.service.js';
import { TemplateGoalPlanner } from './template-goal-planner.js';

@Module({
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService, { provide: GOAL_PLANNER, useClass: TemplateGoalPlanner }],
})
export class GoalsModule {}
