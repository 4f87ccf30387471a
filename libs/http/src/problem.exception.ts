import { HttpException } from '@nestjs/common';
import type { FieldProblem } from './problem-details.js';

/** @deprecated See ProblemException. */
export interface ProblemOptions {
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong to the error (Retry-After, WWW-Authenticate). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An HTTP error that carries problem-details members.
 *
 * @deprecated Throw the domain's exception with a code from its catalog instead (ADR 0008:
 * `new CatalogException(CatalogErrorCode.X, detail)`); kept only until catalog-service is converted.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly problem: ProblemOptions,
  ) {
    super(problem.detail ?? 'Request failed', status);
  }
}
