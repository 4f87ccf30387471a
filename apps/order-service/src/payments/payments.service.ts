import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork, type Tx } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { OrdersService, partOf } from '../orders/orders.service.js';
import {
  PAYMENT_PROVIDER,
  type CardDescription,
  type PaymentEvent,
  type PaymentProvider,
  type ProviderOutcome,
} from './payment-provider.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import { advance, EVENT_STATUS, orderMovesFor, owesRefund, type PaymentStatus } from './payment-state.js';
import type { PaymentEntity } from './payment.entity.js';
import { toPaymentDto, type PaymentDto, type WebhookAckDto } from './payments.dto.js';
import { PaymentsRepository } from './payments.repository.js';

/** What pays an order: a provider token, the card behind it, and the saved method it came from (if one). */
export interface PaymentSource {
  readonly token: string;
  readonly card: CardDescription;
  readonly paymentMethodId: string | null;
}

/** How a request names its payment: a payment method (checkout) or nothing (an order's own payment route). */
export interface PaymentChoice {
  readonly paymentMethod?: string;
  readonly cardToken?: string;
  readonly paymentMethodId?: string;
}

const orderNotFound = (id: string) =>
  new OrderException(OrderErrorCode.ORDER_NOT_FOUND, `No order ${id} that you may see`);

/**
 * Card payments of orders, through the {@link PaymentProvider}: an attempt is recorded (`pending`) under the
 * order's row lock, then authorized and captured at the provider; its answers and its webhooks move the
 * payment forward only (payment-state.ts), and only a verified webhook moves the order (`paid`, `refunded`,
 * as the provider). Locks are always taken order first, then payment.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly payments: PaymentsRepository,
    private readonly methods: PaymentMethodsRepository,
    private readonly orders: OrdersRepository,
    private readonly orderMoves: OrdersService,
    private readonly unitOfWork: UnitOfWork,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * What a checkout pays with, checked before anything is placed: `test_card` with a `cardToken` (or without
   * one: the orders wait for `POST /orders/:id/payments`), a saved method's id, or cash on delivery (no card).
   * Someone else's saved method is not found, never used.
   */
  async sourceOf(user: AuthenticatedUser, choice: PaymentChoice): Promise<PaymentSource | null> {
    const { paymentMethod, cardToken, paymentMethodId } = choice;
    if (paymentMethod === 'cash_on_delivery') {
      if (cardToken !== undefined) {
        throw new OrderException(
          OrderErrorCode.PAYMENT_SOURCE_INVALID,
          'Cash on delivery takes no card token',
        );
      }
      return null;
    }
    const savedId = paymentMethodId ?? (paymentMethod === 'test_card' ? undefined : paymentMethod);
    if ((savedId === undefined) === (cardToken === undefined)) {
      if (savedId === undefined && paymentMethod === 'test_card') {
        return null;
      }
      throw new OrderException(
        OrderErrorCode.PAYMENT_SOURCE_INVALID,
        'Pay with a card token (`cardToken`) or with one of your saved payment methods, not both',
      );
    }
    if (cardToken !== undefined) {
      const card = await this.provider.describeToken(cardToken);
      if (!card) {
        throw new OrderException(
          OrderErrorCode.CARD_TOKEN_INVALID,
          'The payment provider issued no such card token',
        );
      }
      return { token: cardToken, card, paymentMethodId: null };
    }
    const method = await this.methods.find(user.id, savedId!);
    if (!method) {
      throw new OrderException(
        OrderErrorCode.PAYMENT_METHOD_NOT_FOUND,
        `You have no saved payment method ${savedId}`,
      );
    }
    return {
      token: method.providerToken,
      card: { brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear },
      paymentMethodId: method.id,
    };
  }

  /**
   * Pays a checkout's card orders (one payment each: one per seller) and answers their payments. A replayed
   * checkout starts none for an order that has had an attempt (a declined card is not charged again by a
   * retry; the buyer pays again by `POST /orders/:id/payments`), only for one whose first request died before
   * its payment began.
   */
  async payCheckout(
    buyer: AuthenticatedUser,
    orders: readonly { id: string; paymentMethod: string; status: string }[],
    source: PaymentSource | null,
  ): Promise<PaymentDto[]> {
    const answers: PaymentDto[] = [];
    for (const order of orders.filter((candidate) => candidate.paymentMethod === 'test_card')) {
      const attempted = (await this.payments.ofOrder(order.id)).length > 0;
      if (source && order.status === 'created' && !attempted) {
        await this.attempt(buyer, order.id, source).catch((error: unknown) => {
          if (!(error instanceof OrderException) || error.code !== OrderErrorCode.PAYMENT_IN_PROGRESS) {
            throw error;
          }
        });
      }
      const latest = (await this.payments.ofOrder(order.id)).at(-1);
      if (latest) {
        answers.push(toPaymentDto(latest));
      }
    }
    return answers;
  }

  /** `POST /orders/:id/payments`: a new attempt on the buyer's card order waiting for its payment. */
  async pay(buyer: AuthenticatedUser, orderId: string, choice: PaymentChoice): Promise<PaymentDto> {
    const order = await this.orders.find(orderId);
    if (!order || order.buyerId !== buyer.id) {
      throw orderNotFound(orderId);
    }
    const source = await this.sourceOf(buyer, { ...choice, paymentMethod: 'test_card' });
    if (!source) {
      throw new OrderException(
        OrderErrorCode.PAYMENT_SOURCE_INVALID,
        'Give a card token (`cardToken`) or one of your saved payment methods (`paymentMethodId`)',
      );
    }
    return this.attempt(buyer, orderId, source);
  }

  /** The order's payment attempts, oldest first (failed ones with their reason), for whoever sees the order. */
  async list(user: AuthenticatedUser, orderId: string): Promise<PaymentDto[]> {
    const order = await this.orders.find(orderId);
    if (!order || !partOf(user, order)) {
      throw orderNotFound(orderId);
    }
    return (await this.payments.ofOrder(orderId)).map(toPaymentDto);
  }

  /**
   * An admin's refund of the order's captured payment, asked of the provider once; the order becomes
   * `refunded` when the provider's `payment.refunded` arrives.
   */
  async refund(admin: AuthenticatedUser, orderId: string): Promise<PaymentDto> {
    const payment = await this.unitOfWork.run(async (tx) => {
      const order = await this.orders.lock(tx, orderId);
      if (!order) {
        throw orderNotFound(orderId);
      }
      const live = await this.payments.lockLive(tx, orderId);
      if (!live || live.status !== 'captured' || live.refundRequestedAt !== null) {
        throw new OrderException(
          OrderErrorCode.NOTHING_TO_REFUND,
          live?.refundRequestedAt
            ? 'A refund of this order was asked of the provider already'
            : `The order has no captured card payment (its payment is ${live?.status ?? 'not made'})`,
          { extensions: { paymentStatus: live?.status ?? null } },
        );
      }
      if (!['paid', 'issued', 'cancelled'].includes(order.status)) {
        throw new OrderException(
          OrderErrorCode.ILLEGAL_TRANSITION,
          `The order is ${order.status}: it is refunded once paid and not under way, or issued`,
          { extensions: { currentStatus: order.status } },
        );
      }
      return this.claimRefund(tx, live);
    });
    const outcome = await this.askRefund(payment);
    if (!outcome.ok) {
      throw new OrderException(OrderErrorCode.PAYMENT_PROVIDER_REFUSED, outcome.failure.message, {
        extensions: { failureCode: outcome.failure.code },
      });
    }
    this.logger.info(
      { orderId, paymentId: payment.id, by: admin.id },
      'refund asked of the payment provider',
    );
    return toPaymentDto((await this.payments.find(payment.id))!);
  }

  /**
   * A provider webhook: verified (401 otherwise), applied once (a redelivery, a replay or a copy arriving at
   * the same time answers 200 and changes nothing), in any order (the payment only moves forward; the order
   * follows it, never backwards). Money captured for an order cancelled meanwhile goes back at once.
   */
  async receiveWebhook(
    rawBody: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<WebhookAckDto> {
    const event = this.provider.verifyWebhook(rawBody, headers);
    const known = await this.payments.find(event.reference);
    const payment = known && known.provider === this.provider.name ? known : null;
    const { fresh, refund } = await this.unitOfWork.run(async (tx) => {
      const recorded = await this.payments.recordEvent(tx, {
        provider: this.provider.name,
        eventId: event.id,
        type: event.type,
        paymentId: payment?.id ?? null,
      });
      if (!recorded || !payment) {
        return { fresh: recorded, refund: null };
      }
      return { fresh: true, refund: await this.apply(tx, payment.orderId, payment.id, event) };
    });
    if (fresh && !payment) {
      this.logger.warn(
        { eventId: event.id, reference: event.reference },
        'payment event for no payment we know',
      );
    }
    if (refund) {
      await this.askRefund(refund);
    }
    return { received: true, duplicate: !fresh };
  }

  /** Order-service's own sweep: refunds payments captured for orders that were cancelled (oldest first). */
  async refundCancelled(limit: number): Promise<number> {
    let refunded = 0;
    for (const id of await this.payments.owingRefund(limit)) {
      const claimed = await this.unitOfWork.run(async (tx) => {
        const payment = await this.payments.find(id, tx);
        const order = payment && (await this.orders.lock(tx, payment.orderId));
        const locked = order && (await this.payments.lock(tx, id));
        return locked && owesRefund(order.status, locked.status) && !locked.refundRequestedAt
          ? this.claimRefund(tx, locked)
          : null;
      });
      if (claimed) {
        await this.askRefund(claimed);
        refunded += 1;
      }
    }
    return refunded;
  }

  /**
   * Starts an attempt under the order's lock, then authorizes and captures at the provider, recording each
   * answer. A refusal leaves the order `created`, the payment `failed` with the provider's reason.
   */
  private async attempt(
    buyer: AuthenticatedUser,
    orderId: string,
    source: PaymentSource,
  ): Promise<PaymentDto> {
    const payment = await this.unitOfWork.run(async (tx) => {
      const order = await this.orders.lock(tx, orderId);
      if (!order || order.buyerId !== buyer.id) {
        throw orderNotFound(orderId);
      }
      if (order.paymentMethod !== 'test_card') {
        throw new OrderException(
          OrderErrorCode.NOT_A_CARD_ORDER,
          'The order is paid on delivery, not by card',
        );
      }
      if (order.status !== 'created') {
        throw new OrderException(
          OrderErrorCode.ORDER_NOT_PAYABLE,
          `The order is ${order.status}: nothing to pay`,
          {
            extensions: { currentStatus: order.status },
          },
        );
      }
      const started = await this.payments.start(tx, {
        orderId,
        buyerId: buyer.id,
        provider: this.provider.name,
        amountMinor: order.totalMinor,
        currency: order.currency,
        paymentMethodId: source.paymentMethodId,
        cardBrand: source.card.brand,
        cardLast4: source.card.last4,
      });
      if (!started) {
        const live = await this.payments.lockLive(tx, orderId);
        throw new OrderException(
          OrderErrorCode.PAYMENT_IN_PROGRESS,
          `A payment of this order is ${live?.status ?? 'under way'}`,
          { extensions: { paymentId: live?.id ?? null, paymentStatus: live?.status ?? null } },
        );
      }
      return started;
    });
    const request = {
      reference: payment.id,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    };
    const authorized = await this.ask(() => this.provider.authorize({ ...request, token: source.token }));
    let recorded = await this.record(payment, authorized, 'authorized');
    if (authorized.ok) {
      const { providerPaymentId } = authorized;
      const captured = await this.ask(() => this.provider.capture({ ...request, providerPaymentId }));
      if (!captured.ok) {
        recorded = await this.record(payment, captured, 'failed');
      }
    }
    return toPaymentDto(recorded);
  }

  /**
   * The provider's answer, or a failure the buyer can act on when it could not be reached (a real provider's
   * network): the attempt fails, the order waits for another, and no error escapes a checkout already placed.
   */
  private async ask(call: () => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    try {
      return await call();
    } catch (error) {
      this.logger.error({ err: error }, 'the payment provider could not be reached');
      return {
        ok: false,
        providerPaymentId: null,
        failure: {
          code: 'provider_unavailable',
          message: 'The payment service could not be reached: try again.',
        },
      };
    }
  }

  /** A provider's answer: its payment id, and the state it implies (never backwards). */
  private record(
    payment: PaymentEntity,
    outcome: ProviderOutcome,
    onSuccess: PaymentStatus,
  ): Promise<PaymentEntity> {
    return this.unitOfWork.run(async (tx) => {
      await this.orders.lock(tx, payment.orderId);
      const locked = (await this.payments.lock(tx, payment.id))!;
      locked.providerPaymentId ??= outcome.providerPaymentId;
      this.moveForward(locked, outcome.ok ? onSuccess : 'failed', outcome.ok ? null : outcome.failure);
      locked.version += 1;
      return this.payments.save(tx, locked);
    });
  }

  /** Applies a verified event to the payment and its order (locked: order, then payment). */
  private async apply(
    tx: Tx,
    orderId: string,
    paymentId: string,
    event: PaymentEvent,
  ): Promise<PaymentEntity | null> {
    const order = (await this.orders.lock(tx, orderId))!;
    const payment = (await this.payments.lock(tx, paymentId))!;
    payment.providerPaymentId ??= event.providerPaymentId;
    this.moveForward(payment, EVENT_STATUS[event.type], event.failure);
    payment.version += 1;
    await this.payments.save(tx, payment);
    for (const to of orderMovesFor(order.status, payment.status)) {
      await this.orderMoves.moveAs(
        tx,
        order,
        to,
        'provider',
        `payment ${event.providerPaymentId} ${payment.status}`,
      );
    }
    return owesRefund(order.status, payment.status) && !payment.refundRequestedAt
      ? this.claimRefund(tx, payment)
      : null;
  }

  private moveForward(
    payment: PaymentEntity,
    reported: PaymentStatus,
    failure: { code: string; message: string } | null,
  ): void {
    const next = advance(payment.status, reported);
    if (next === 'failed' && payment.status !== 'failed') {
      payment.failureCode = failure?.code ?? 'payment_failed';
      payment.failureMessage = failure?.message ?? 'The payment failed.';
    }
    payment.status = next;
  }

  private async claimRefund(tx: Tx, payment: PaymentEntity): Promise<PaymentEntity> {
    payment.refundRequestedAt = new Date();
    payment.version += 1;
    return this.payments.save(tx, payment);
  }

  /** Asks the provider for the refund; a refusal gives the claim back (an admin or the sweep may ask again). */
  private async askRefund(payment: PaymentEntity): Promise<ProviderOutcome> {
    const outcome = await this.provider.refund({
      reference: payment.id,
      providerPaymentId: payment.providerPaymentId ?? '',
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    });
    if (!outcome.ok) {
      this.logger.warn(
        { paymentId: payment.id, failure: outcome.failure },
        'the payment provider refused a refund',
      );
      await this.unitOfWork.run(async (tx) => {
        const locked = await this.payments.lock(tx, payment.id);
        if (locked) {
          locked.refundRequestedAt = null;
          locked.version += 1;
          await this.payments.save(tx, locked);
        }
      });
    }
    return outcome;
  }
}
