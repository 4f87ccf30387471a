/**
 * What order-service asks of a payment provider (Medusa's `AbstractPaymentProvider`, Stripe's PaymentIntents):
 * describe a card token the buyer's client got from the provider, authorize an amount on it, capture it,
 * refund it, and read the provider's signed webhooks. A real provider plugs in by implementing this interface
 * and being bound to {@link PAYMENT_PROVIDER} in payments.module.ts. Amounts are in minor units.
 *
 * Answers of authorize / capture / refund say whether the provider took the request; what happened to the
 * money is what its webhooks say, and only a verified webhook marks an order paid or refunded.
 */
export interface PaymentProvider {
  /** Stored with each payment and saved method, e.g. `test`. */
  readonly name: string;
  /** The card behind a token (brand, last four, expiry); null when the provider never issued it. */
  describeToken(token: string): Promise<CardDescription | null>;
  authorize(request: AuthorizeRequest): Promise<ProviderOutcome>;
  capture(request: CaptureRequest): Promise<ProviderOutcome>;
  refund(request: RefundRequest): Promise<ProviderOutcome>;
  /**
   * Checks a webhook's signature over its raw body and reads it; throws `WEBHOOK_SIGNATURE_INVALID` (401)
   * for a missing, malformed, stale or wrong signature and `WEBHOOK_PAYLOAD_INVALID` (400) for a signed body
   * that is no payment event.
   */
  verifyWebhook(
    rawBody: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): PaymentEvent;
}

export const PAYMENT_PROVIDER = Symbol('PaymentProvider');

export interface CardDescription {
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

export interface AuthorizeRequest {
  /** Our payment's id: the provider echoes it in its events (Stripe's metadata) and keys idempotency on it. */
  readonly reference: string;
  readonly token: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export interface CaptureRequest {
  readonly reference: string;
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
}

export type RefundRequest = CaptureRequest;

/** The provider took the request (`providerPaymentId` names the payment at the provider), or refused it. */
export type ProviderOutcome =
  | { readonly ok: true; readonly providerPaymentId: string }
  | { readonly ok: false; readonly providerPaymentId: string | null; readonly failure: PaymentFailure };

export interface PaymentFailure {
  /** Machine-readable, e.g. `card_declined`, `insufficient_funds`, `capture_failed`. */
  readonly code: string;
  /** For the buyer. */
  readonly message: string;
}

export const PAYMENT_EVENT_TYPES = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.refunded',
] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

/** A verified provider event. */
export interface PaymentEvent {
  /** The provider's event id: an event is applied once, however often it is delivered. */
  readonly id: string;
  readonly type: PaymentEventType;
  /** Our payment's id, as given to authorize. */
  readonly reference: string;
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly failure: PaymentFailure | null;
}
