import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code order-service answers with, and its status: the one place they are defined. */
export const ORDER_ERRORS = {
  ITEM_NOT_FOUND: { status: 422, description: 'nothing of this kind with this id can be bought' },
  ITEM_UNAVAILABLE: {
    status: 409,
    description: 'the item is not on sale now (a draft, archived, sold or deleted)',
  },
  OUT_OF_STOCK: { status: 409, description: 'fewer units are left than asked for' },
  CANNOT_BUY_OWN: { status: 422, description: 'a seller cannot buy their own listing' },
  CART_LINE_NOT_FOUND: { status: 404, description: "no line with this id in the caller's cart" },
  CART_FULL: { status: 422, description: 'the cart holds as many different items as it can' },
  ADDRESS_NOT_FOUND: { status: 404, description: "no address with this id in the caller's address book" },
  TOO_MANY_ADDRESSES: { status: 422, description: 'the address book is full' },
} as const satisfies ErrorCatalog;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;
export const OrderErrorCode = codesOf(ORDER_ERRORS);

export class OrderException extends DomainException<OrderErrorCode> {
  constructor(code: OrderErrorCode, detail: string, extras?: ProblemExtras) {
    super(ORDER_ERRORS, code, detail, extras);
  }
}

/** The codes an order route can answer with, for its OpenAPI responses. */
export const ApiOrderErrors = (...codes: OrderErrorCode[]) => ApiErrors(ORDER_ERRORS, ...codes);
