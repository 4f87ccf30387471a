import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork } from '@agora/database';
import { addCalendarDays, assertVersionMatches, calendarDateIn, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Inject, Injectable } from '@nestjs/common';
import { cleanText } from '../../posts/post-text.js';
import { SocialErrorCode, SocialException } from '../../social.errors.js';
import { CardsService } from '../cards/cards.service.js';
import { GeneratedDecksService } from '../cards/generated-decks.service.js';
import type { CreateHabitDto } from '../habits/habits.dto.js';
import { HabitsService } from '../habits/habits.service.js';
import { checkTimeZone, TasksService } from '../tasks/tasks.service.js';
import {
  GOAL_PLANNER,
  PLANNED_WEEKDAYS,
  type GoalPlan,
  type GoalPlanner,
  type PlannedHabit,
  type PlannedSchedule,
  type PlannedTask,
} from './goal-plan.js';
import type { GoalEntity } from './goal.entity.js';
import { GoalErrorCode, GoalException } from './goals.errors.js';
import {
  GOAL_TITLE_MAX_LENGTH,
  PLAN_NOTES_MAX_LENGTH,
  PLAN_TEXT_MAX_LENGTH,
  toGoalDto,
  type CreateGoalDto,
  type GoalDto,
  type GoalPageDto,
  type GoalPlanDto,
  type PlannedHabitDto,
  type UpdateGoalDto,
} from './goals.dto.js';
import { GoalsRepository } from './goals.repository.js';

/** A deadline is at most this many days away. */
const DEADLINE_HORIZON_DAYS = 5 * 366;

/**
 * The concretizer (issue 19): a goal with a deadline gets a proposed plan of tasks, habits and decks from the
 * planner; its user edits the plan, then accepts it, which makes everything in it at once.
 */
@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalsRepository,
    private readonly unitOfWork: UnitOfWork,
    @Inject(GOAL_PLANNER) private readonly planner: GoalPlanner,
    private readonly tasks: TasksService,
    private readonly habits: HabitsService,
    private readonly cards: CardsService,
    private readonly generatedDecks: GeneratedDecksService,
  ) {}

  async propose(user: AuthenticatedUser, dto: CreateGoalDto): Promise<GoalDto> {
    const title = requiredText(dto.title, GOAL_TITLE_MAX_LENGTH, 'title');
    const timeZone = checkTimeZone(dto.timeZone ?? 'UTC');
    const today = calendarDateIn(timeZone);
    if (dto.deadline <= today || dto.deadline > addCalendarDays(today, DEADLINE_HORIZON_DAYS)) {
      throw new GoalException(
        GoalErrorCode.GOAL_DEADLINE_OUT_OF_RANGE,
        `The deadline must be after ${today} and within five years`,
        { errors: [{ field: 'deadline', messages: ['after today and within five years'] }] },
      );
    }
    const plan = await this.planner.propose({ title, deadline: dto.deadline, today });
    const goal = await this.goals.create({ userId: user.id, title, deadline: dto.deadline, timeZone, plan });
    if (!goal) {
      throw new SocialException(
        SocialErrorCode.PROFILE_REQUIRED,
        'Your account has no public profile yet: verify it first',
      );
    }
    return toGoalDto(goal);
  }

  async get(user: AuthenticatedUser, goalId: string): Promise<GoalDto> {
    return toGoalDto(orNotFound(await this.goals.findOwned(user.id, goalId), goalId));
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<GoalPageDto> {
    return mapPage(await this.goals.list(user.id, query), toGoalDto);
  }

  /** An edit of a proposed goal at the version the caller read. */
  async update(
    user: AuthenticatedUser,
    goalId: string,
    dto: UpdateGoalDto,
    expected: ExpectedVersions,
  ): Promise<GoalDto> {
    // A field sent as null is left as it is, like one left out.
    const title =
      dto.title === undefined || dto.title === null
        ? undefined
        : requiredText(dto.title, GOAL_TITLE_MAX_LENGTH, 'title');
    const plan = dto.plan === undefined || dto.plan === null ? undefined : cleanPlan(dto.plan);
    const saved = await this.unitOfWork.run(async (tx) => {
      const goal = orNotFound(await this.goals.lockOwned(tx, user.id, goalId), goalId);
      assertVersionMatches(expected, goal.version);
      assertProposed(goal);
      goal.title = title ?? goal.title;
      goal.plan = plan ?? goal.plan;
      return this.goals.saveNextVersion(tx, goal);
    });
    return toGoalDto(saved);
  }

  /**
   * Makes the plan: its decks (a catalog deck followed, or found followed already), tasks (in the goal's time
   * zone) and habits, each through its own block's checks, in one transaction with the goal locked, so a
   * refused item (an invalid rule) leaves nothing made and the goal proposed; accepted once (then 409).
   */
  async accept(user: AuthenticatedUser, goalId: string): Promise<GoalDto> {
    const saved = await this.unitOfWork.run(async (tx) => {
      const goal = orNotFound(await this.goals.lockOwned(tx, user.id, goalId), goalId);
      assertProposed(goal);
      const deckIds: string[] = [];
      for (const deck of goal.plan.decks) {
        const made = deck.source
          ? await this.generatedDecks.followIn(tx, user.id, deck.source)
          : await this.cards.createDeckIn(tx, user.id, { title: deck.title });
        deckIds.push(made.id);
      }
      const taskIds: string[] = [];
      for (const task of goal.plan.tasks) {
        const made = await this.tasks.createIn(tx, user.id, {
          title: task.title,
          notes: task.notes ?? undefined,
          due: task.due,
          timeZone: goal.timeZone,
          recurrence: task.recurrence,
          priority: task.priority,
        });
        taskIds.push(made.id);
      }
      const habitIds: string[] = [];
      for (const habit of goal.plan.habits) {
        const made = await this.habits.createIn(tx, user.id, {
          title: habit.title,
          type: habit.target === null ? 'yes-no' : 'numeric',
          ...(habit.target === null ? {} : { target: habit.target, unit: habit.unit ?? undefined }),
          ...habitScheduleOf(habit.schedule),
          timeZone: goal.timeZone,
        });
        habitIds.push(made.id);
      }
      goal.status = 'accepted';
      goal.acceptedAt = new Date();
      goal.outcome = { taskIds, habitIds, deckIds: [...new Set(deckIds)] };
      return this.goals.saveNextVersion(tx, goal);
    });
    return toGoalDto(saved);
  }

  async remove(user: AuthenticatedUser, goalId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const goal = orNotFound(await this.goals.lockOwned(tx, user.id, goalId), goalId);
      await this.goals.remove(tx, goal);
    });
  }
}

/** A planned schedule as POST /habits takes it (ISO weekdays, 1 = Monday). */
function habitScheduleOf(
  schedule: PlannedSchedule,
): Pick<CreateHabitDto, 'schedule' | 'timesPerWeek' | 'weekdays'> {
  switch (schedule.kind) {
    case 'daily':
      return { schedule: 'daily' };
    case 'times-per-week':
      return { schedule: 'weekly', timesPerWeek: schedule.times };
    case 'weekdays':
      return {
        schedule: 'weekdays',
        weekdays: schedule.days.map((day) => PLANNED_WEEKDAYS.indexOf(day) + 1),
      };
  }
}

function orNotFound(goal: GoalEntity | null, goalId: string): GoalEntity {
  if (!goal) {
    throw new GoalException(GoalErrorCode.GOAL_NOT_FOUND, `You have no goal ${goalId}`);
  }
  return goal;
}

function assertProposed(goal: GoalEntity): void {
  if (goal.status !== 'proposed') {
    throw new GoalException(GoalErrorCode.GOAL_ALREADY_ACCEPTED, 'The goal was accepted; its plan is made');
  }
}

function invalidPlan(field: string, message: string): GoalException {
  return new GoalException(GoalErrorCode.GOAL_PLAN_INVALID, `${field}: ${message}`, {
    errors: [{ field, messages: [message] }],
  });
}

/** Sanitized text that is not empty afterwards. */
function requiredText(text: string, max: number, field: string): string {
  const clean = cleanText(text, max, field);
  if (!clean) {
    throw invalidPlan(field, 'must not be empty');
  }
  return clean;
}

function optionalText(text: string | null | undefined, max: number, field: string): string | null {
  const clean = typeof text === 'string' ? cleanText(text, max, field) : '';
  return clean || null;
}

/** The user's plan as it will be made: texts sanitized, schedules whole, something in it. */
function cleanPlan(plan: GoalPlanDto): GoalPlan {
  if (plan.tasks.length + plan.habits.length + plan.decks.length === 0) {
    throw invalidPlan('plan', 'needs at least one task, habit or deck');
  }
  const tasks = plan.tasks.map((task, index): PlannedTask => ({
    title: requiredText(task.title, PLAN_TEXT_MAX_LENGTH, `plan.tasks.${index}.title`),
    notes: optionalText(task.notes, PLAN_NOTES_MAX_LENGTH, `plan.tasks.${index}.notes`),
    due: task.due,
    recurrence: optionalText(task.recurrence, PLAN_TEXT_MAX_LENGTH, `plan.tasks.${index}.recurrence`),
    priority: task.priority,
  }));
  const habits = plan.habits.map((habit, index) => cleanHabit(habit, `plan.habits.${index}`));
  const decks = plan.decks.map((deck, index) => ({
    title: requiredText(deck.title, PLAN_TEXT_MAX_LENGTH, `plan.decks.${index}.title`),
    source: deck.source ?? null,
  }));
  return { template: plan.template, tasks, habits, decks };
}

function cleanHabit(habit: PlannedHabitDto, field: string): PlannedHabit {
  const target = habit.target ?? null;
  const unit = optionalText(habit.unit, 20, `${field}.unit`);
  if (unit !== null && target === null) {
    throw invalidPlan(`${field}.unit`, 'a unit goes with a target');
  }
  return {
    title: requiredText(habit.title, PLAN_TEXT_MAX_LENGTH, `${field}.title`),
    target,
    unit,
    schedule: cleanSchedule(habit.schedule, `${field}.schedule`),
  };
}

function cleanSchedule(schedule: PlannedHabitDto['schedule'], field: string): PlannedSchedule {
  switch (schedule.kind) {
    case 'daily':
      return { kind: 'daily' };
    case 'times-per-week':
      if (schedule.times === undefined) {
        throw invalidPlan(`${field}.times`, 'times-per-week needs times');
      }
      return { kind: 'times-per-week', times: schedule.times };
    case 'weekdays':
      if (!schedule.days?.length) {
        throw invalidPlan(`${field}.days`, 'weekdays needs at least one day');
      }
      return { kind: 'weekdays', days: schedule.days };
  }
}
