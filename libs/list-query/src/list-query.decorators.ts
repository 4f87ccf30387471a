import { ProblemException } from '@agora/http';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBadRequestResponse, ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  FILTER_OPERATORS,
  ListQueryError,
  parseListQuery,
  type ListQuerySpec,
  type RawQuery,
} from './list-query.js';

/** Injects the validated list query of the request; a bad query is a 400 problem naming each field. */
export const ListQuery = createParamDecorator((spec: ListQuerySpec, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  try {
    return parseListQuery((request.query ?? {}) as RawQuery, spec);
  } catch (error) {
    if (error instanceof ListQueryError) {
      throw new ProblemException(400, {
        code: 'INVALID_LIST_QUERY',
        detail: 'The list query is not valid',
        errors: error.problems.map((problem) => ({ field: problem.field, messages: [...problem.messages] })),
      });
    }
    throw error;
  }
});

/** Documents the list query parameters of a route in Swagger. */
export function ApiListQuery(spec: ListQuerySpec): MethodDecorator {
  const fields = Object.keys(spec.fields).join(', ');
  return applyDecorators(
    ApiQuery({
      name: 'sort',
      required: false,
      description: `Comma-separated, '-' for descending. Fields: ${(spec.sortable ?? Object.keys(spec.fields)).join(', ')}`,
      example: spec.defaultSort,
    }),
    ApiQuery({
      name: 'filter[field][operator]',
      required: false,
      description: `Fields: ${fields}. Operators: ${FILTER_OPERATORS.join(', ')} (default eq; in and between take comma-separated values; null takes true or false).`,
    }),
    ...(spec.searchable?.length
      ? [
          ApiQuery({
            name: 'search',
            required: false,
            description: `Text search over ${spec.searchable.join(', ')}`,
          }),
        ]
      : []),
    ApiQuery({ name: 'page', required: false, type: Number, example: 1 }),
    ApiQuery({
      name: 'limit',
      required: false,
      type: Number,
      example: spec.defaultLimit ?? 20,
      description: `At most ${spec.maxLimit ?? 100}`,
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description: 'nextCursor of the previous page (keyset paging, instead of page)',
    }),
    ApiBadRequestResponse({ description: 'Invalid list query (problem+json)' }),
  );
}
