import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { FieldProblem } from './problem-details.js';
import { ProblemDetails } from './problem-details.js';

/** What one error code means over HTTP: its status and a line for the OpenAPI document. */
export interface ErrorDefinition {
  readonly status: number;
  readonly description: string;
}

/** A domain's error codes (UPPER_SNAKE) and what each means over HTTP: the single place they are defined. */
export type ErrorCatalog<Code extends string = string> = Readonly<Record<Code, ErrorDefinition>>;

/** The enum-like object of a catalog's codes: `CatalogErrorCode.DRAFT_CONFLICT === 'DRAFT_CONFLICT'`. */
export type CodesOf<C extends ErrorCatalog> = { readonly [K in keyof C & string]: K };

export function codesOf<C extends ErrorCatalog>(catalog: C): CodesOf<C> {
  return Object.fromEntries(Object.keys(catalog).map((code) => [code, code])) as CodesOf<C>;
}

/** Extra members of a domain error's problem document. */
export interface ProblemExtras {
  readonly errors?: readonly FieldProblem[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong to the error (Retry-After, ETag). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error of a domain (Twenty's `XException` + `XExceptionCode`), carrying a code from that domain's
 * catalog. It is a plain Error: services never pick HTTP statuses; the catalog maps each code to one, and
 * the problem filter turns the exception into problem+json.
 */
export class DomainException<Code extends string = string> extends Error {
  override readonly name: string = 'DomainException';

  constructor(
    private readonly catalog: ErrorCatalog<Code>,
    readonly code: Code,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(`${code}: ${detail}`);
  }

  /** The HTTP status the domain's catalog gives this code. */
  get status(): number {
    return this.catalog[this.code].status;
  }
}

export function isDomainException(value: unknown): value is DomainException<string> {
  return value instanceof DomainException;
}

/**
 * Documents the errors a route can answer with, one response per status, each with the problem schema and
 * `code` restricted to the codes listed: `@ApiErrors(CATALOG_ERRORS, 'DRAFT_CONFLICT', 'DRAFT_NOT_FOUND')`.
 */
export function ApiErrors<Code extends string>(
  catalog: ErrorCatalog<Code>,
  ...codes: Code[]
): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, Code[]>();
  for (const code of codes) {
    const status = catalog[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...[...byStatus].map(([status, statusCodes]) =>
      ApiResponse({
        status,
        description: `${STATUS_CODES[status] ?? 'Error'}: ${statusCodes
          .map((code) => `\`${code}\` ${catalog[code].description}`)
          .join('; ')}`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: getSchemaPath(ProblemDetails) },
                { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } },
              ],
            },
          },
        },
      }),
    ),
  );
}
