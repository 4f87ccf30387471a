import type { AuthenticatedUser } from '@agora/auth';
import { OrderTopics } from '@agora/contracts';
import { OutboxWriter, UnitOfWork, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { AddressesRepository } from '../addresses/addresses.repository.js';
import { toAddressSnapshot, type AddressSnapshotDto } from '../addresses/addresses.dto.js';
import { CartRepository } from '../cart/cart.repository.js';
import { totalsByCurrency } from '../money.dto.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { purchasable } from '../offers/purchase-rules.js';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { requestHash } from './canonical-hash.js';
import { planOrders, type PricedRequest } from './checkout-pricing.js';
import { CheckoutsRepository } from './checkouts.repository.js';
import {
  toOrderDto,
  type CheckoutItemDto,
  type CheckoutRequest,
  type CheckoutResultDto,
} from './orders.dto.js';
import { OrdersRepository } from './orders.repository.js';

/** An Idempotency-Key as Stripe takes them: 1–255 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function checkedIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) {
    return null;
  }
  const key = Array.isArray(header) ? header.join(',') : header;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new OrderException(
      OrderErrorCode.INVALID_IDEMPOTENCY_KEY,
      'Idempotency-Key takes 1 to 255 visible ASCII characters, e.g. a UUID',
      { errors: [{ field: 'Idempotency-Key', messages: ['must be 1–255 visible ASCII characters'] }] },
    );
  }
  return key;
}

/** What a checkout answers, and whether it is an earlier request's answer. */
export interface CheckoutOutcome {
  readonly result: CheckoutResultDto;
  readonly replayed: boolean;
}

/**
 * `POST /order`: the cart (or the items given) becomes one order per seller, priced server-side in minor
 * units from the offers' current prices, shipped to a copy of the address, with the units reserved. In one
 * transaction: the offers are locked in id order (every checkout takes them in the same order, so two never
 * deadlock), each checked for what is left; the orders and their `order.order.created.v1` events are written,
 * each order holding its units until catalog answers for them (the stock saga); the ordered cart lines go. With an Idempotency-Key, a retry gets the first result.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly checkouts: CheckoutsRepository,
    private readonly orders: OrdersRepository,
    private readonly offers: OffersRepository,
    private readonly cart: CartRepository,
    private readonly addresses: AddressesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
  ) {}

  async checkout(
    buyer: AuthenticatedUser,
    request: CheckoutRequest,
    idempotencyKey: string | null,
  ): Promise<CheckoutOutcome> {
    const hash = requestHash(request);
    return this.unitOfWork.run(async (tx) => {
      const claim = await this.checkouts.claim(tx, buyer.id, idempotencyKey, hash);
      if (!claim.claimed) {
        if (claim.existing.requestHash !== hash) {
          throw new OrderException(
            OrderErrorCode.IDEMPOTENCY_KEY_REUSED,
            'This Idempotency-Key was used with another request body: use a new key for a new checkout',
          );
        }
        return { result: await this.resultOf(tx, claim.existing.id), replayed: true };
      }
      const address = await this.addressOf(tx, buyer, request);
      const fromCart = !request.items;
      const wanted = request.items ?? (await this.cartItems(tx, buyer));
      const priced = await this.lockAndCheck(tx, buyer, wanted, fromCart);
      const plans = planOrders(priced.map(({ request: checked }) => checked));
      for (const plan of plans) {
        const { order } = await this.orders.create(tx, {
          checkoutId: claim.checkoutId,
          buyerId: buyer.id,
          paymentMethod: request.paymentMethod,
          address,
          plan,
        });
        for (const line of plan.lines) {
          await this.offers.hold(tx, order.id, line.itemId, line.quantity);
        }
        await this.orders.addTransition(tx, {
          orderId: order.id,
          from: null,
          to: 'created',
          actorId: buyer.id,
          actorRole: 'buyer',
          reason: null,
        });
        await this.outbox.add(tx, OrderTopics.OrderCreated, order.id, {
          orderId: order.id,
          checkoutId: claim.checkoutId,
          buyerId: buyer.id,
          sellerId: order.sellerId,
          paymentMethod: order.paymentMethod,
          currency: order.currency,
          totalMinor: order.totalMinor,
          lines: plan.lines.map((line) => ({
            itemId: line.itemId,
            kind: line.kind,
            title: line.title,
            quantity: line.quantity,
            unitPriceMinor: line.unitPriceMinor,
          })),
          createdAt: order.createdAt.toISOString(),
        });
      }
      if (fromCart) {
        await this.cart.removeItems(
          tx,
          buyer.id,
          wanted.map((item) => item.itemId),
        );
      }
      return { result: await this.resultOf(tx, claim.checkoutId), replayed: false };
    });
  }

  private async addressOf(
    tx: Tx,
    buyer: AuthenticatedUser,
    request: CheckoutRequest,
  ): Promise<AddressSnapshotDto> {
    if (!request.address === !request.addressId) {
      throw new OrderException(
        OrderErrorCode.ADDRESS_REQUIRED,
        'Give the address to ship to (`address`) or one from your address book (`addressId`), not both',
      );
    }
    if (request.address) {
      return toAddressSnapshot(request.address);
    }
    const saved = await this.addresses.find(buyer.id, request.addressId!, tx);
    if (!saved) {
      throw new OrderException(
        OrderErrorCode.UNKNOWN_ADDRESS,
        `No address ${request.addressId} in your address book`,
      );
    }
    return toAddressSnapshot(saved);
  }

  /** The cart's lines as checkout items, locked (a second checkout of the cart waits, then finds it emptied). */
  private async cartItems(
    tx: Tx,
    buyer: AuthenticatedUser,
  ): Promise<(CheckoutItemDto & { seen?: [number, string] })[]> {
    const lines = await this.cart.lines(buyer.id, tx, true);
    if (lines.length === 0) {
      throw new OrderException(OrderErrorCode.CART_EMPTY, 'Your cart is empty: add items, or send `items`');
    }
    return lines.map((line) => ({
      itemId: line.itemId,
      kind: line.kind,
      quantity: line.quantity,
      seen: [line.seenPriceMinor, line.seenCurrency],
    }));
  }

  /** Locks the offers in id order and checks each item can be bought now at the price the cart showed. */
  private async lockAndCheck(
    tx: Tx,
    buyer: AuthenticatedUser,
    items: readonly (CheckoutItemDto & { seen?: [number, string] })[],
    fromCart: boolean,
  ): Promise<{ request: PricedRequest }[]> {
    const ids = items.map((item) => item.itemId);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) {
      throw new OrderException(
        OrderErrorCode.DUPLICATE_ITEM,
        `Item ${duplicate} appears twice: give it once`,
        {
          extensions: { itemId: duplicate },
        },
      );
    }
    const locked = new Map((await this.offers.lock(tx, ids)).map((offer) => [offer.itemId, offer]));
    if (fromCart) {
      const moved = items.filter((item) => {
        const offer = locked.get(item.itemId);
        return (
          offer &&
          !offer.deleted &&
          item.seen &&
          (offer.priceMinor !== item.seen[0] || offer.currency !== item.seen[1])
        );
      });
      if (moved.length > 0) {
        throw new OrderException(
          OrderErrorCode.CART_CHANGED,
          'Prices in your cart changed since you added them: read the cart and accept them (PATCH /cart/:id)',
          { extensions: { itemIds: moved.map((item) => item.itemId) } },
        );
      }
    }
    return items.map((item) => ({
      request: { offer: purchasable(locked.get(item.itemId), item, buyer.id), quantity: item.quantity },
    }));
  }

  /** The checkout's orders as its first request answered them (their state now). */
  async resultOf(tx: Tx, checkoutId: string): Promise<CheckoutResultDto> {
    const orders = await this.orders.ofCheckout(checkoutId, tx);
    const lines = await this.orders.linesOf(
      orders.map((order) => order.id),
      tx,
    );
    return {
      id: checkoutId,
      orders: orders.map((order) => toOrderDto(order, lines.get(order.id) ?? [])),
      totals: totalsByCurrency(
        orders.map((order) => ({ amountMinor: order.totalMinor, currency: order.currency })),
      ),
    };
  }
}
