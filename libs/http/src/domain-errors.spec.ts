import { describe, expect, it } from 'vitest';
import { ApiErrors, codesOf, DomainException, type ErrorCatalog } from './domain-errors.js';
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
});
