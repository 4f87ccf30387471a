import { documentParameterErrors } from '@agora/http';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  FILTER_OPERATORS,
  INT4_MAX,
  INT4_MIN,
  ListQueryError,
  type FieldType,
  type FilterOperator,
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

/** The schema of one filter value of a field of the type (as the query string writes it, parsed). */
function valueSchema(type: FieldType): Record<string, unknown> {
  switch (type) {
    case 'string':
      return { type: 'string', maxLength: 200 };
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer', minimum: INT4_MIN, maximum: INT4_MAX };
    case 'bigint':
      return { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
  }
}

/** The operators a field of the type takes (`parseFilterValue` refuses the others). */
export function operatorsOf(type: FieldType): FilterOperator[] {
  return FILTER_OPERATORS.filter((operator) => {
    switch (operator) {
      case 'like':
      case 'ilike':
        return type === 'string';
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between':
        return type !== 'boolean' && type !== 'uuid';
      case 'in':
        return type !== 'boolean';
      case 'eq':
      case 'ne':
      case 'null':
        return true;
    }
  });
}

/**
 * The `filter` parameter as OpenAPI's `deepObject`: `filter[field][operator]=value`, one property per
 * allowed field, each an object of the operators its type takes (`filter[field]=value` is `eq`).
 */
export function filterSchemaOf(spec: ListQuerySpec): Record<string, unknown> {
  const properties = Object.fromEntries(
    Object.entries(spec.fields).map(([field, type]) => {
      const value = valueSchema(type);
      const operators = Object.fromEntries(
        operatorsOf(type).map((operator) => {
          switch (operator) {
            case 'null':
              return [operator, { type: 'boolean', description: 'true: is null; false: is not null' }];
            case 'in':
              return [operator, { type: 'string', description: `Up to 100 comma-separated ${type} values` }];
            case 'between':
              return [
                operator,
                { type: 'string', description: `Two comma-separated ${type} values: low,high` },
              ];
            case 'eq':
            case 'ne':
            case 'gt':
            case 'gte':
            case 'lt':
            case 'lte':
            case 'like':
            case 'ilike':
              return [operator, value];
          }
        }),
      );
      return [field, { type: 'object', properties: operators, additionalProperties: false }];
    }),
  );
  return { type: 'object', properties, additionalProperties: false };
}

/** `sort`: comma-separated allowed fields, each optionally after `-` (descending) or `+`. */
export function sortPatternOf(spec: ListQuerySpec): string {
  const fields = (spec.sortable ?? Object.keys(spec.fields)).join('|');
  return `^[-+]?(${fields})(,[-+]?(${fields}))*$`;
}

/** Documents the list query parameters of a route in Swagger. */
export function ApiListQuery(spec: ListQuerySpec): MethodDecorator {
  const fields = Object.keys(spec.fields).join(', ');
  return applyDecorators(
    ApiQuery({
      name: 'sort',
      required: false,
      description: `Comma-separated, '-' for descending. Fields: ${(spec.sortable ?? Object.keys(spec.fields)).join(', ')}`,
      schema: { type: 'string', pattern: sortPatternOf(spec), example: spec.defaultSort },
    }),
    ApiQuery({
      name: 'filter',
      required: false,
      style: 'deepObject',
      explode: true,
      description: `filter[field][operator]=value. Fields: ${fields}. Operators: ${FILTER_OPERATORS.join(', ')} (default eq: filter[field]=value; in and between take comma-separated values; null takes true or false).`,
      schema: filterSchemaOf(spec),
    }),
    ...(spec.searchable?.length
      ? [
          ApiQuery({
            name: 'search',
            required: false,
            description: `Text search over ${spec.searchable.join(', ')}`,
            schema: { type: 'string', maxLength: 200 },
          }),
        ]
      : []),
    ApiQuery({
      name: 'page',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 1_000_000, example: 1 },
    }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: {
        type: 'integer',
        minimum: 1,
        maximum: spec.maxLimit ?? 100,
        example: spec.defaultLimit ?? 20,
      },
      description: `At most ${spec.maxLimit ?? 100}`,
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description: 'nextCursor of the previous page (keyset paging, instead of page)',
      schema: { type: 'string' },
    }),
    ApiListQueryErrors(ListQueryErrorCode.INVALID_LIST_QUERY),
  );
}
