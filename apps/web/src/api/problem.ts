import type { Schemas } from '@agora/client';

/** A problem+json answer (RFC 9457) as the API documents it: `code`, `detail` and, for validation, `errors`. */
export type Problem = Schemas['ProblemDetails'];

/** The problem of a request that got no answer at all (offline, the gateway down). */
const NETWORK_PROBLEM: Problem = {
  type: 'about:blank',
  title: 'Network error',
  status: 0,
  code: 'NETWORK_ERROR',
};

/** Reads an openapi-fetch `error` (the problem body, or nothing for a network failure) as a Problem. */
export function asProblem(error: unknown): Problem {
  if (error !== null && typeof error === 'object' && 'code' in error) {
    return error as Problem;
  }
  return NETWORK_PROBLEM;
}

/** Messages by field name (`plan.tasks.0.title` → under that name), for errors shown next to their field. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const entry of problem?.errors ?? []) {
    byField[entry.field] ??= entry.messages.join('; ');
  }
  return byField;
}
