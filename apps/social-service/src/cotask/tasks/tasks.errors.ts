import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code CoTask's projects, tasks and reminders answer with (issue 19), and its status. */
export const TASK_ERRORS = {
  PROJECT_NOT_FOUND: {
    status: 404,
    description: 'no project with this id that the caller owns or is a member of',
  },
  NOT_PROJECT_OWNER: { status: 403, description: 'only the owner changes, shares or deletes a project' },
  NOT_PROJECT_EDITOR: {
    status: 403,
    description: 'a viewer of a shared project reads its tasks; only its owner and editors change them',
  },
  MEMBER_NOT_FOLLOWER: {
    status: 422,
    description: "a project is shared only with the owner's followers (not with the owner themself)",
  },
  MEMBER_NOT_FOUND: { status: 404, description: 'this user is not a member of the project' },
  SECTION_NOT_FOUND: { status: 422, description: 'no section with this id in the task’s project' },
  TASK_NOT_FOUND: { status: 404, description: 'no task with this id that the caller may see' },
  PARENT_TASK_NOT_FOUND: { status: 422, description: 'no task with this id to put the subtask under' },
  SUBTASK_TOO_DEEP: { status: 422, description: 'subtasks are one level deep: a subtask has no subtasks' },
  INVALID_RECURRENCE: {
    status: 422,
    description: 'the rule is not an RRULE (daily to yearly) nor plain words like "every 2 weeks on Monday"',
  },
  INVALID_TIME_ZONE: { status: 422, description: 'not an IANA time zone such as Europe/Berlin' },
  INVALID_DUE: {
    status: 422,
    description: 'a due is a date (YYYY-MM-DD) or a local date-time (YYYY-MM-DDTHH:mm) with a time zone',
  },
  REMINDER_WITHOUT_DUE: { status: 422, description: 'a reminder minutes before the due needs a due' },
  EMPTY_TITLE: {
    status: 422,
    description: 'a project, section or task needs a name or title (after sanitizing)',
  },
  TASK_COMPLETED: { status: 409, description: 'the task is completed already (and does not recur)' },
} as const satisfies ErrorCatalog;

export type TaskErrorCode = keyof typeof TASK_ERRORS;
export const TaskErrorCode = codesOf(TASK_ERRORS);

export class TaskException extends DomainException<TaskErrorCode> {
  constructor(code: TaskErrorCode, detail: string, extras?: ProblemExtras) {
    super(TASK_ERRORS, code, detail, extras);
  }
}

/** The codes a task route can answer with, for its OpenAPI responses. */
export const ApiTaskErrors = (...codes: TaskErrorCode[]) => ApiErrors(TASK_ERRORS, ...codes);
