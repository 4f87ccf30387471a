import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code order-service answers with, and its status: the one place they are defined (append new codes). */
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
  ORDER_NOT_FOUND: { status: 404, description: 'no order with this id that the caller may see' },
  ILLEGAL_TRANSITION: { status: 409, description: "the order's current state does not lead there" },
  TRANSITION_FORBIDDEN: {
    status: 403,
    description: "the caller's part in the order does not make this move",
  },
  CART_EMPTY: { status: 422, description: 'a checkout without items needs a cart that has some' },
  CART_CHANGED: {
    status: 409,
    description: 'cart lines changed price or went away since they were added: read the cart again',
  },
  MIXED_CURRENCIES: { status: 422, description: "one seller's items in one checkout must share a currency" },
  DUPLICATE_ITEM: { status: 422, description: 'an item appears twice in the checkout items' },
  UNKNOWN_ADDRESS: { status: 422, description: "addressId names no address in the caller's address book" },
  ADDRESS_REQUIRED: { status: 422, description: 'a checkout takes exactly one of address and addressId' },
  INVALID_IDEMPOTENCY_KEY: {
    status: 400,
    description: 'Idempotency-Key must be 1–255 visible ASCII characters',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    description: 'this Idempotency-Key was used with another request body',
  },
  INVALID_SCOPE: { status: 400, description: '`as` takes buyer, seller or all' },
  ADMINS_ONLY: { status: 403, description: 'only admins list every order or replace and delete orders' },
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
  FAVOURITE_NOT_FOUND: { status: 404, description: "the listing is not among the caller's favourites" },
  // Payments
  PAYMENT_METHOD_NOT_FOUND: {
    status: 404,
    description: 'no saved payment method with this id of the caller',
  },
  TOO_MANY_PAYMENT_METHODS: {
    status: 422,
    description: 'the caller keeps as many saved payment methods as allowed',
  },
  PAYMENT_SOURCE_INVALID: {
    status: 422,
    description:
      'a card order takes a card token or a saved method (not both); cash on delivery takes neither',
  },
  CARD_TOKEN_INVALID: { status: 422, description: 'the card token is not one the payment provider issued' },
  CARD_NUMBER_INVALID: {
    status: 422,
    description: 'the number is not one of the test provider’s test cards',
  },
  CARD_EXPIRED: { status: 422, description: 'the card’s expiry month has passed' },
  NOT_A_CARD_ORDER: { status: 409, description: 'the order is paid on delivery, not by card' },
  ORDER_NOT_PAYABLE: { status: 409, description: 'the order is no longer waiting for its payment' },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    description: 'a payment of the order is under way or done; a new attempt waits for it to fail',
  },
  NOTHING_TO_REFUND: { status: 409, description: 'the order has no captured card payment to refund' },
  PAYMENT_PROVIDER_REFUSED: { status: 409, description: 'the payment provider refused the operation' },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    description: 'the webhook’s signature header is missing, malformed, stale or does not match its body',
  },
  WEBHOOK_PAYLOAD_INVALID: { status: 400, description: 'the signed webhook body is not a payment event' },
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
