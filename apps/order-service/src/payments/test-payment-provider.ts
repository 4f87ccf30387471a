import { API_PREFIX } from '@agora/contracts';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { OrderConfig } from '../order.config.js';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import {
  PAYMENT_EVENT_TYPES,
  type AuthorizeRequest,
  type CaptureRequest,
  type CardDescription,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentFailure,
  type PaymentProvider,
  type ProviderOutcome,
  type RefundRequest,
} from './payment-provider.js';
import {
  CARD_FAILURES,
  cardExpired,
  TEST_CARDS,
  type CardFailureCode,
  type TestCardBehaviour,
} from './test-cards.js';
import {
  checkWebhookSignature,
  signWebhook,
  SIGNATURE_HEADER,
  type SignatureProblem,
} from './webhook-signature.js';

/** What a test token carries (never the card number). */
interface TokenFacts {
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly behaviour: TestCardBehaviour;
}

export interface TestCardInput {
  readonly number: string;
  readonly expMonth: number;
  readonly expYear: number;
}

const TOKEN = /^tok_test_([A-Za-z0-9_-]{1,400})\.([0-9a-f]{32})$/;
const BEHAVIOURS: readonly TestCardBehaviour[] = [
  'succeeds',
  'declined',
  'insufficient_funds',
  'capture_fails',
];
/** A capture of a payment whose id has this marker fails (the card's behaviour, kept in the id: no state). */
const CAPTURE_FAILS_MARK = '_cf_';
const DELIVERY_ATTEMPTS = 8;

const SIGNATURE_DETAILS: Readonly<Record<SignatureProblem, string>> = {
  missing: `No ${SIGNATURE_HEADER} header`,
  malformed: `The ${SIGNATURE_HEADER} header is not t=<unix seconds>,v1=<hex HMAC-SHA256>`,
  stale: 'The signed timestamp is outside the tolerance window (an old delivery replayed?)',
  mismatch: 'No v1 signature matches the body',
};

const failureOf = (code: CardFailureCode): PaymentFailure => ({ code, message: CARD_FAILURES[code] });

/**
 * The built-in test provider (docs/adr/0014-payments-and-the-test-provider.md): in order-service's process, no network to anyone but
 * order-service itself. Its tokens are self-describing and signed (brand, last four, expiry and the test
 * card's behaviour, never the number), so they survive restarts and work on every replica; its payment ids
 * carry what a capture needs. It answers authorize / capture / refund at once and tells the outcome again in
 * webhooks, signed as Stripe signs them and POSTed to PAYMENT_WEBHOOK_URL (the gateway's
 * `/api/payments/webhooks` by default) a moment later, retried with back-off until a 2xx — so order-service
 * receives them exactly as it would a real provider's.
 */
@Injectable()
export class TestPaymentProvider implements PaymentProvider, OnApplicationShutdown {
  readonly name = 'test';
  private readonly tokenKey: Buffer;
  private readonly webhookUrl: string;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly deliveries = new Set<Promise<void>>();
  /** Answers by idempotency key (the reference and the operation), as a provider keeps them for a day. */
  private readonly answered = new Map<string, ProviderOutcome>();
  private closed = false;

  constructor(
    private readonly config: OrderConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.tokenKey = createHmac('sha256', config.PAYMENT_WEBHOOK_SECRET)
      .update('test-provider tokens')
      .digest();
    this.webhookUrl =
      config.PAYMENT_WEBHOOK_URL ?? `${config.PUBLIC_URL.replace(/\/$/, '')}${API_PREFIX}/payments/webhooks`;
  }

  /** The client side of the provider (Stripe.js's `createToken`): a test card's number in, a token out. */
  tokenize(card: TestCardInput, now = new Date()): { token: string } & CardDescription {
    const known = TEST_CARDS[card.number];
    if (!known) {
      throw new OrderException(
        OrderErrorCode.CARD_NUMBER_INVALID,
        `The test provider takes only its test cards: ${Object.keys(TEST_CARDS).join(', ')}`,
        { errors: [{ field: 'number', messages: ['is not a test card'] }] },
      );
    }
    if (cardExpired(card.expMonth, card.expYear, now)) {
      throw new OrderException(OrderErrorCode.CARD_EXPIRED, 'The card expired: give a month not yet past', {
        errors: [{ field: 'expYear', messages: ['the expiry month has passed'] }],
      });
    }
    const facts: TokenFacts = {
      brand: known.brand,
      last4: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
      behaviour: known.behaviour,
    };
    const payload = Buffer.from(
      JSON.stringify([facts.brand, facts.last4, facts.expMonth, facts.expYear, facts.behaviour]),
    ).toString('base64url');
    const token = `tok_test_${payload}.${this.mac(payload)}`;
    return {
      token,
      brand: facts.brand,
      last4: facts.last4,
      expMonth: facts.expMonth,
      expYear: facts.expYear,
    };
  }

  describeToken(token: string): Promise<CardDescription | null> {
    const facts = this.factsOf(token);
    return Promise.resolve(
      facts && { brand: facts.brand, last4: facts.last4, expMonth: facts.expMonth, expYear: facts.expYear },
    );
  }

  authorize(request: AuthorizeRequest): Promise<ProviderOutcome> {
    return this.once(`${request.reference}:authorize`, () => {
      const facts = this.factsOf(request.token);
      const paymentId = `pi_test${facts?.behaviour === 'capture_fails' ? CAPTURE_FAILS_MARK : '_'}${randomBytes(12).toString('hex')}`;
      const failure: CardFailureCode | null = !facts
        ? 'card_declined'
        : cardExpired(facts.expMonth, facts.expYear, new Date())
          ? 'expired_card'
          : facts.behaviour === 'declined'
            ? 'card_declined'
            : facts.behaviour === 'insufficient_funds'
              ? 'insufficient_funds'
              : null;
      if (failure) {
        this.send('payment.failed', request, paymentId, failureOf(failure));
        return { ok: false, providerPaymentId: paymentId, failure: failureOf(failure) };
      }
      this.send('payment.authorized', request, paymentId, null);
      return { ok: true, providerPaymentId: paymentId };
    });
  }

  capture(request: CaptureRequest): Promise<ProviderOutcome> {
    return this.once(`${request.reference}:capture`, () => {
      if (request.providerPaymentId.includes(CAPTURE_FAILS_MARK)) {
        this.send('payment.failed', request, request.providerPaymentId, failureOf('capture_failed'));
        return {
          ok: false,
          providerPaymentId: request.providerPaymentId,
          failure: failureOf('capture_failed'),
        };
      }
      this.send('payment.captured', request, request.providerPaymentId, null);
      return { ok: true, providerPaymentId: request.providerPaymentId };
    });
  }

  refund(request: RefundRequest): Promise<ProviderOutcome> {
    return this.once(`${request.reference}:refund`, () => {
      this.send('payment.refunded', request, request.providerPaymentId, null);
      return { ok: true, providerPaymentId: request.providerPaymentId };
    });
  }

  verifyWebhook(
    rawBody: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): PaymentEvent {
    const check = checkWebhookSignature(
      this.config.PAYMENT_WEBHOOK_SECRET,
      rawBody,
      headers[SIGNATURE_HEADER],
      Math.floor(Date.now() / 1000),
      this.config.PAYMENT_WEBHOOK_TOLERANCE_S,
    );
    if (!check.ok) {
      throw new OrderException(OrderErrorCode.WEBHOOK_SIGNATURE_INVALID, SIGNATURE_DETAILS[check.problem], {
        extensions: { signatureProblem: check.problem },
      });
    }
    const event = parseEvent(rawBody);
    if (!event) {
      throw new OrderException(
        OrderErrorCode.WEBHOOK_PAYLOAD_INVALID,
        'The body is not a payment event: {id, type, data: {object: {id, reference, amountMinor, currency, failure}}}',
      );
    }
    return event;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    await Promise.allSettled([...this.deliveries]);
  }

  private async once(key: string, answer: () => ProviderOutcome): Promise<ProviderOutcome> {
    await Promise.resolve();
    let outcome = this.answered.get(key);
    if (!outcome) {
      outcome = answer();
      this.answered.set(key, outcome);
      if (this.answered.size > 10_000) {
        this.answered.delete(this.answered.keys().next().value as string);
      }
    }
    return outcome;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.tokenKey).update(payload).digest('hex').slice(0, 32);
  }

  private factsOf(token: string): TokenFacts | null {
    const match = TOKEN.exec(token);
    if (!match || !timingSafeEqual(Buffer.from(match[2]), Buffer.from(this.mac(match[1])))) {
      return null;
    }
    try {
      const [brand, last4, expMonth, expYear, behaviour] = JSON.parse(
        Buffer.from(match[1], 'base64url').toString('utf8'),
      ) as [string, string, number, number, TestCardBehaviour];
      return BEHAVIOURS.includes(behaviour) ? { brand, last4, expMonth, expYear, behaviour } : null;
    } catch {
      return null;
    }
  }

  /** Queues the event's delivery: a moment later, then again with back-off until order-service answers 2xx. */
  private send(
    type: PaymentEventType,
    request: { reference: string; amountMinor: number; currency: string },
    paymentId: string,
    failure: PaymentFailure | null,
  ): void {
    const body = JSON.stringify({
      id: `evt_test_${randomBytes(12).toString('hex')}`,
      type,
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: paymentId,
          reference: request.reference,
          amountMinor: request.amountMinor,
          currency: request.currency,
          failure,
        },
      },
    });
    this.schedule(body, 0, 50);
  }

  private schedule(body: string, attempt: number, delayMs: number): void {
    if (this.closed) {
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const delivery = this.deliver(body, attempt).finally(() => this.deliveries.delete(delivery));
      this.deliveries.add(delivery);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(body: string, attempt: number): Promise<void> {
    let problem: string;
    try {
      const response = await fetch(this.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(
            this.config.PAYMENT_WEBHOOK_SECRET,
            body,
            Math.floor(Date.now() / 1000),
          ),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.ok) {
        return;
      }
      problem = `HTTP ${response.status}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (attempt + 1 >= DELIVERY_ATTEMPTS) {
      this.logger.error({ url: this.webhookUrl, problem }, 'test payment provider: webhook given up');
      return;
    }
    this.logger.warn({ url: this.webhookUrl, problem, attempt }, 'test payment provider: webhook retried');
    this.schedule(body, attempt + 1, Math.min(250 * 2 ** attempt, 10_000));
  }
}

/** The event in a webhook body, or null when it is not one. */
export function parseEvent(rawBody: string): PaymentEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const root = record(parsed);
  const object = record(record(root?.data)?.object);
  if (!root || !object) {
    return null;
  }
  const { id, type } = root;
  const { id: paymentId, reference, amountMinor, currency, failure } = object;
  const failureRecord = record(failure);
  const validFailure =
    failure === null ||
    failure === undefined ||
    (typeof failureRecord?.code === 'string' &&
      typeof failureRecord.message === 'string' &&
      failureRecord.code.length <= 100 &&
      failureRecord.message.length <= 500);
  if (
    typeof id !== 'string' ||
    !/^[\w.:-]{1,200}$/.test(id) ||
    typeof type !== 'string' ||
    !(PAYMENT_EVENT_TYPES as readonly string[]).includes(type) ||
    typeof paymentId !== 'string' ||
    !/^[\w.:-]{1,200}$/.test(paymentId) ||
    typeof reference !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference) ||
    typeof amountMinor !== 'number' ||
    !Number.isSafeInteger(amountMinor) ||
    amountMinor < 0 ||
    typeof currency !== 'string' ||
    !/^[A-Z]{3}$/.test(currency) ||
    !validFailure
  ) {
    return null;
  }
  return {
    id,
    type: type as PaymentEventType,
    reference: reference.toLowerCase(),
    providerPaymentId: paymentId,
    amountMinor,
    currency,
    failure: failureRecord
      ? { code: failureRecord.code as string, message: failureRecord.message as string }
      : null,
  };
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
