import type { Problem } from '../../api/problem';

/**
 * The problem to show for the whole form: none when every entry of its `errors` names a field the form shows
 * next to that field; the problem otherwise (a code without field errors, or a field the form does not have).
 */
export function formProblem(problem: Problem | undefined, shown: readonly string[]): Problem | undefined {
  const entries = problem?.errors ?? [];
  if (entries.length > 0 && entries.every((entry) => shown.includes(entry.field))) {
    return undefined;
  }
  return problem;
}
