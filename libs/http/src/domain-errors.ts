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

/** One code a route documents, with what its catalog says of it. */
interface DocumentedError {
  readonly code: string;
  readonly status: number;
  readonly description: string;
}

/** Where the codes documented on a handler accumulate (several catalogs and decorators add to one route). */
const DOCUMENTED_ERRORS = 'agora:documented-errors';
/**
 * @nestjs/swagger's metadata key of a handler's responses (DECORATORS.API_RESPONSE, not exported from its index).
 * Only this file writes 4xx/5xx responses (every route documents its errors through ApiErrors).
 */
const SWAGGER_API_RESPONSE = 'swagger/apiResponse';
/** Nest's route path metadata: a prototype member that has it is a route handler. */
const ROUTE_PATH = 'path';

function problemResponse(status: number, errors: readonly DocumentedError[]) {
  return ApiResponse({
    status,
    description: `${STATUS_CODES[status] ?? 'Error'}: ${errors
      .map((error) => `\`${error.code}\` ${error.description}`)
      .join('; ')}`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDetails) },
            {
              type: 'object',
              properties: { code: { type: 'string', enum: errors.map((error) => error.code) } },
            },
          ],
        },
      },
    },
  });
}

/** Adds codes to one handler and writes its problem responses again, one per status, over all its codes. */
function documentOnHandler(
  target: object,
  key: string | symbol,
  descriptor: PropertyDescriptor,
  errors: readonly DocumentedError[],
): void {
  const handler = descriptor.value as object;
  const known = (Reflect.getMetadata(DOCUMENTED_ERRORS, handler) as DocumentedError[] | undefined) ?? [];
  const all = [...known, ...errors.filter((error) => !known.some((seen) => seen.code === error.code))];
  Reflect.defineMetadata(DOCUMENTED_ERRORS, all, handler);
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of all) {
    byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  }
  ApiExtraModels(ProblemDetails)(target, key, descriptor);
  // Swagger merges a status written again into the one before (descriptions joined), so the responses this
  // function wrote for the handler's earlier codes go first: each status is described once, over all codes.
  const responses = Reflect.getMetadata(SWAGGER_API_RESPONSE, handler) as Record<string, unknown> | undefined;
  if (responses) {
    Reflect.defineMetadata(
      SWAGGER_API_RESPONSE,
      Object.fromEntries(Object.entries(responses).filter(([status]) => !byStatus.has(Number(status)))),
      handler,
    );
  }
  for (const [status, statusErrors] of byStatus) {
    problemResponse(status, statusErrors)(target, key, descriptor);
  }
}

/** The codes documented on a route handler (by `ApiErrors` and the decorators built on it). */
export function documentedErrorCodes(handler: object): string[] {
  return ((Reflect.getMetadata(DOCUMENTED_ERRORS, handler) as DocumentedError[] | undefined) ?? []).map(
    (error) => error.code,
  );
}

/**
 * Documents the errors a route can answer with, one response per status, each with the problem schema and
 * `code` restricted to the codes listed: `@ApiErrors(CATALOG_ERRORS, 'DRAFT_CONFLICT', 'DRAFT_NOT_FOUND')`.
 * Codes from several catalogs and decorators on one route add up (same status: one response listing all);
 * on a controller class, the codes go to each of its routes.
 */
export function ApiErrors<Code extends string>(
  catalog: ErrorCatalog<Code>,
  ...codes: Code[]
): MethodDecorator & ClassDecorator {
  const errors = codes.map((code) => ({ code, ...catalog[code] }));
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined && descriptor !== undefined) {
      documentOnHandler(target, key, descriptor, errors);
      return descriptor;
    }
    // Class decorators run after those of the methods: document each route of the controller.
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = Object.getOwnPropertyDescriptor(prototype, name);
      if (typeof member?.value === 'function' && Reflect.hasMetadata(ROUTE_PATH, member.value as object)) {
        documentOnHandler(prototype, name, member, errors);
      }
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}

/**
 * `ApiErrors` for a parameter decorator (a pipe on one argument raises these codes): documents them on the
 * parameter's handler.
 */
export function documentParameterErrors<Code extends string>(
  catalog: ErrorCatalog<Code>,
  ...codes: Code[]
): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) {
      return;
    }
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor && typeof descriptor.value === 'function') {
      documentOnHandler(
        target,
        key,
        descriptor,
        codes.map((code) => ({ code, ...catalog[code] })),
      );
    }
  };
}
