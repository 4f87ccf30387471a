import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code order-service answers with, and its status: the one place they are defined (append new codes). */
export const ORDER_ERRORS = {
  // Becoming a seller
  SELLER_APPLICATION_PENDING: {
    status: 409,
    description: 'the caller already has a seller application waiting for a decision',
  },
  ALREADY_SELLER: { status: 409, description: 'the caller is a seller already' },
  ROLE_CANNOT_APPLY: {
    status: 409,
    description: 'staff (moderators and admins) do not apply for the seller role',
  },
  SELLER_APPLICATION_NOT_FOUND: {
    status: 404,
    description: 'no seller application with this id that the caller may see',
  },
  SELLER_APPLICATION_DECIDED: {
    status: 409,
    description: 'the application was approved or rejected already (`applicationStatus` names which)',
  },
  // Reports on sellers
  SELLER_NOT_FOUND: { status: 404, description: 'no active seller with this id' },
  CANNOT_REPORT_SELF: { status: 422, description: 'a seller cannot report themselves' },
  SELLER_REPORT_OPEN: {
    status: 409,
    description: 'the caller already has an open report on this seller',
  },
  SELLER_REPORT_NOT_FOUND: { status: 404, description: 'no report on a seller with this id' },
  SELLER_REPORT_RESOLVED: {
    status: 409,
    description: 'the report was resolved already (`resolvedAction` names the action taken)',
  },
  EMPTY_TEXT: { status: 422, description: 'the text is empty after sanitizing' },
  TEXT_TOO_LONG: { status: 422, description: 'the text is longer than its limit after sanitizing' },
  // Favourites
  LISTING_NOT_FOUND: { status: 404, description: 'no listing with this id in the catalog' },
} as const satisfies ErrorCatalog;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;
export const OrderErrorCode = codesOf(ORDER_ERRORS);

export class OrderException extends DomainException<OrderErrorCode> {
  constructor(code: OrderErrorCode, detail: string, extras?: ProblemExtras) {
    super(ORDER_ERRORS, code, detail, extras);
  }
}

/** The codes an order-service route can answer with, for its OpenAPI responses. */
export const ApiOrderErrors = (...codes: OrderErrorCode[]) => ApiErrors(ORDER_ERRORS, ...codes);
