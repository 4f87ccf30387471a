import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { Injectable } from '@nestjs/common';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { OffersRepository } from '../offers/offers.repository.js';
import { MAX_LINE_QUANTITY, purchasable } from '../offers/purchase-rules.js';
import { MAX_CART_LINES, toCartDto, toCartLineDto, type CartDto, type CartLineDto } from './cart.dto.js';
import { CartRepository } from './cart.repository.js';

const lineNotFound = (id: string) =>
  new OrderException(OrderErrorCode.CART_LINE_NOT_FOUND, `No line ${id} in your cart`);

/**
 * A cart per user: lines of products and listings with the price the buyer last saw. Adding checks that the
 * item can be bought in that quantity now; reading shows current prices and flags what changed.
 */
@Injectable()
export class CartService {
  constructor(
    private readonly cart: CartRepository,
    private readonly offers: OffersRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async get(user: AuthenticatedUser): Promise<CartDto> {
    const lines = await this.cart.lines(user.id);
    return toCartDto(lines, await this.offers.find(lines.map((line) => line.itemId)));
  }

  /** Adds the item, or more of it to its line (`created` false); answers the line. */
  async add(
    user: AuthenticatedUser,
    request: { itemId: string; kind: 'product' | 'listing'; quantity: number },
  ): Promise<{ line: CartLineDto; created: boolean }> {
    return this.unitOfWork.run(async (tx) => {
      const [found] = await this.offers.find([request.itemId], tx);
      const offer = purchasable(found, request, user.id);
      const { line, created } = await this.cart.add(tx, {
        userId: user.id,
        itemId: request.itemId,
        kind: request.kind,
        quantity: request.quantity,
        priceMinor: offer.priceMinor,
        currency: offer.currency,
      });
      if (line.quantity > MAX_LINE_QUANTITY) {
        throw new OrderException(
          OrderErrorCode.OUT_OF_STOCK,
          `A line holds at most ${MAX_LINE_QUANTITY} units`,
          {
            extensions: {
              itemId: request.itemId,
              left: MAX_LINE_QUANTITY - (line.quantity - request.quantity),
            },
          },
        );
      }
      purchasable(offer, { ...request, quantity: line.quantity }, user.id);
      if (created && (await this.cart.count(tx, user.id)) > MAX_CART_LINES) {
        throw new OrderException(
          OrderErrorCode.CART_FULL,
          `A cart holds at most ${MAX_CART_LINES} different items`,
        );
      }
      return { line: toCartLineDto(line, offer), created };
    });
  }

  /** Sets the line's quantity; the seen price becomes the current one (the buyer accepts it). */
  async change(
    user: AuthenticatedUser,
    id: string,
    quantity: number,
    expected: ExpectedVersions,
  ): Promise<CartLineDto> {
    return this.unitOfWork.run(async (tx) => {
      const line = await this.cart.lock(tx, user.id, id);
      if (!line) {
        throw lineNotFound(id);
      }
      assertVersionMatches(expected, line.version);
      const [found] = await this.offers.find([line.itemId], tx);
      const offer = purchasable(found, { itemId: line.itemId, kind: line.kind, quantity }, user.id);
      const changed = await this.cart.setQuantity(tx, line, quantity, offer.priceMinor, offer.currency);
      return toCartLineDto(changed, offer);
    });
  }

  async remove(user: AuthenticatedUser, id: string, expected: ExpectedVersions): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const line = await this.cart.lock(tx, user.id, id);
      if (!line) {
        throw lineNotFound(id);
      }
      assertVersionMatches(expected, line.version);
      await this.cart.remove(tx, user.id, id);
    });
  }

  async clear(user: AuthenticatedUser): Promise<void> {
    await this.unitOfWork.run((tx) => this.cart.clear(tx, user.id));
  }
}
