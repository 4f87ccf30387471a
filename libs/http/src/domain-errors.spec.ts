import { describe, expect, it } from 'vitest';
import { Get, Put } from '@nestjs/common';
import {
  ApiErrors,
  codesOf,
  documentedErrorCodes,
  documentParameterErrors,
  DomainException,
  type ErrorCatalog,
} from './domain-errors.js';
import { HTTP_ERRORS, RequestException } from './http.errors.js';
import { toProblem } from './problem-details.filter.js';

/** Where @nestjs/swagger keeps a route's responses (its DECORATORS.API_RESPONSE, not exported). */
const API_RESPONSE = 'swagger/apiResponse';

const SHOP_ERRORS = {
  SHELF_NOT_FOUND: { status: 404, description: 'no such shelf' },
  SHELF_FULL: { status: 409, description: 'the shelf holds no more items' },
  SHELF_LOCKED: { status: 409, description: 'someone else is rearranging it' },
} as const satisfies ErrorCatalog;
const ShopErrorCode = codesOf(SHOP_ERRORS);

class ShopException extends DomainException<keyof typeof SHOP_ERRORS> {
  constructor(code: keyof typeof SHOP_ERRORS, detail: string) {
    super(SHOP_ERRORS, code, detail, { errors: [{ field: 'shelfId', messages: [detail] }] });
  }
}

describe('domain errors', () => {
  it('take their status from the catalog and become problem documents with their code', () => {
    const problem = toProblem(new ShopException(ShopErrorCode.SHELF_FULL, 'Shelf 3 is full'), '/shelves/3');
    expect(problem).toMatchObject({
      status: 409,
      title: 'Conflict',
      code: 'SHELF_FULL',
      detail: 'Shelf 3 is full',
      instance: '/shelves/3',
      errors: [{ field: 'shelfId', messages: ['Shelf 3 is full'] }],
    });
  });

  it('document one response per status with the codes it may carry', () => {
    class Routes {
      @ApiErrors(SHOP_ERRORS, 'SHELF_NOT_FOUND', 'SHELF_FULL', 'SHELF_LOCKED')
      put(): void {}
    }
    const responses = Reflect.getMetadata(
      API_RESPONSE,
      Object.getOwnPropertyDescriptor(Routes.prototype, 'put')!.value as object,
    ) as Record<string, { description: string; content: Record<string, { schema: { allOf: unknown[] } }> }>;
    expect(Object.keys(responses).sort()).toEqual(['404', '409']);
    expect(responses['409'].description).toContain('`SHELF_FULL` the shelf holds no more items');
    expect(responses['409'].content['application/problem+json'].schema.allOf[1]).toEqual({
      type: 'object',
      properties: { code: { type: 'string', enum: ['SHELF_FULL', 'SHELF_LOCKED'] } },
    });
  });

  it('add up codes of several catalogs and decorators on one route, one response per status', () => {
    const enumOf = (response: unknown) =>
      (
        response as {
          content: Record<
            string,
            { schema: { allOf: [unknown, { properties: { code: { enum: string[] } } }] } }
          >;
        }
      ).content['application/problem+json'].schema.allOf[1].properties.code.enum;
    @ApiErrors(SHOP_ERRORS, 'SHELF_NOT_FOUND')
    class Routes {
      @Put(':id')
      @ApiErrors(HTTP_ERRORS, 'VALIDATION_FAILED')
      @ApiErrors(SHOP_ERRORS, 'SHELF_FULL')
      put(@documentParameterErrors(HTTP_ERRORS, 'INVALID_IF_MATCH') _tag: string): void {}

      @Get()
      list(): void {}

      /** Not a route: the class decorator leaves it alone. */
      helper(): void {}
    }
    const handler = (name: 'put' | 'list' | 'helper') =>
      Object.getOwnPropertyDescriptor(Routes.prototype, name)!.value as object;
    expect(documentedErrorCodes(handler('put')).sort()).toEqual([
      'INVALID_IF_MATCH',
      'SHELF_FULL',
      'SHELF_NOT_FOUND',
      'VALIDATION_FAILED',
    ]);
    expect(documentedErrorCodes(handler('list'))).toEqual(['SHELF_NOT_FOUND']);
    expect(documentedErrorCodes(handler('helper'))).toEqual([]);
    const responses = Reflect.getMetadata(API_RESPONSE, handler('put')) as Record<string, unknown>;
    expect(Object.keys(responses).sort()).toEqual(['400', '404', '409']);
    expect(enumOf(responses['400']).sort()).toEqual(['INVALID_IF_MATCH', 'VALIDATION_FAILED']);
    // Each status is described once, over all its codes (Swagger would join each rewrite to the one before).
    const described = (status: string) => (responses[status] as { description: string }).description;
    expect(described('409')).toBe('Conflict: `SHELF_FULL` the shelf holds no more items');
    expect(described('400').match(/Bad Request:/g)).toHaveLength(1);
    expect(described('404').match(/SHELF_NOT_FOUND/g)).toHaveLength(1);
  });

  it("of the HTTP edge carry the edge catalog's status", () => {
    const problem = toProblem(
      new RequestException('PRECONDITION_FAILED', 'The resource is at version 4'),
      '/x',
    );
    expect(problem).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED', title: 'Precondition Failed' });
  });
});
