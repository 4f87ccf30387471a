import { documentParameterErrors } from '@agora/http';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  FILTER_OPERATORS,
  ListQueryError,
  parseListQuery,
  type ListQuerySpec,
  type RawQuery,
} from './list-query.js';
import {
  ApiListQueryErrors,
  LIST_QUERY_ERRORS,
  ListQueryErrorCode,
  ListQueryException,
} from './list-query.errors.js';

export * from './list-query.errors.js';

const listQueryParam = createParamDecorator((spec: ListQuerySpec, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  try {
    return parseListQuery((request.query ?? {}) as RawQuery, spec);
  } catch (error) {
    if (error instanceof ListQueryError) {
      throw new ListQueryException(ListQueryErrorCode.INVALID_LIST_QUERY, 'The list query is not valid', {
        errors: error.problems.map((problem) => ({ field: problem.field, messages: [...problem.messages] })),
      });
    }
    throw error;
  }
});

/** Injects the validated list query of the request; a bad query is a 400 INVALID_LIST_QUERY naming each field. */
export function ListQuery(spec: ListQuerySpec): ParameterDecorator {
  const param = listQueryParam(spec);
  const documented = documentParameterErrors(LIST_QUERY_ERRORS, ListQueryErrorCode.INVALID_LIST_QUERY);
  return (target, key, index) => {
    param(target, key, index);
    documented(target, key, index);
  };
}

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
    ApiListQueryErrors(ListQueryErrorCode.INVALID_LIST_QUERY),
  );
}
