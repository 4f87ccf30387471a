import { HttpException } from '@nestjs/common';
import type { FieldProblem } from './problem-details.js';

export interface ProblemOptions {
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** An HTTP error that carries problem-details members; domain services throw these with a code. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly problem: ProblemOptions,
  ) {
    super(problem.detail ?? 'Request failed', status);
  }
}
