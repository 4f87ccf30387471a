import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code the concretizer's routes answer with (issue 19), and its status. */
export const GOAL_ERRORS = {
  GOAL_NOT_FOUND: { status: 404, description: 'no goal with this id of the caller' },
  GOAL_DEADLINE_OUT_OF_RANGE: {
    status: 422,
    description: "the deadline is not after today in the goal's time zone, or more than five years away",
  },
  GOAL_ALREADY_ACCEPTED: {
    status: 409,
    description: 'the goal was accepted: its plan is made and no longer edited',
  },
  GOAL_PLAN_INVALID: {
    status: 422,
    description:
      "the plan does not fit together (a schedule's fields, an empty plan); `errors` names the field",
  },
} as const satisfies ErrorCatalog;

export type GoalErrorCode = keyof typeof GOAL_ERRORS;
export const GoalErrorCode = codesOf(GOAL_ERRORS);

export class GoalException extends DomainException<GoalErrorCode> {
  constructor(code: GoalErrorCode, detail: string, extras?: ProblemExtras) {
    super(GOAL_ERRORS, code, detail, extras);
  }
}

export const ApiGoalErrors = (...codes: GoalErrorCode[]) => ApiErrors(GOAL_ERRORS, ...codes);
