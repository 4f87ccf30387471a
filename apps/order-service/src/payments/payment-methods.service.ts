import type { AuthenticatedUser } from '@agora/auth';
import { UnitOfWork } from '@agora/database';
import type { ParsedListQuery } from '@agora/list-query';
import { Inject, Injectable } from '@nestjs/common';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider.js';
import { PaymentMethodsRepository } from './payment-methods.repository.js';
import {
  MAX_PAYMENT_METHODS,
  toPaymentMethodDto,
  type PaymentMethodDto,
  type PaymentMethodPageDto,
} from './payments.dto.js';

/**
 * A user's saved cards (`/payment-methods`): the provider's token with brand, last four and expiry, described
 * by the provider (never by the client, never with the number). Checkout takes a saved method's id as
 * `paymentMethod`; nobody else's is ever found.
 */
@Injectable()
export class PaymentMethodsService {
  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly methods: PaymentMethodsRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Saves the card behind the token; the same token again answers the method saved before (`created` false). */
  async save(
    user: AuthenticatedUser,
    token: string,
  ): Promise<{ method: PaymentMethodDto; created: boolean }> {
    const card = await this.provider.describeToken(token);
    if (!card) {
      throw new OrderException(
        OrderErrorCode.CARD_TOKEN_INVALID,
        'The payment provider issued no such card token',
      );
    }
    const { method, created } = await this.unitOfWork.run(async (tx) => {
      await this.methods.lockUser(tx, user.id);
      const saved = await this.methods.add(tx, {
        userId: user.id,
        provider: this.provider.name,
        providerToken: token,
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
      });
      if (saved.created && (await this.methods.count(tx, user.id)) > MAX_PAYMENT_METHODS) {
        throw new OrderException(
          OrderErrorCode.TOO_MANY_PAYMENT_METHODS,
          `You keep ${MAX_PAYMENT_METHODS} payment methods already: delete one first`,
        );
      }
      return saved;
    });
    return { method: toPaymentMethodDto(method), created };
  }

  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<PaymentMethodPageDto> {
    const page = await this.methods.page(user.id, query);
    return { ...page, items: page.items.map(toPaymentMethodDto) };
  }

  async get(user: AuthenticatedUser, id: string): Promise<PaymentMethodDto> {
    const method = await this.methods.find(user.id, id);
    if (!method) {
      throw notFound(id);
    }
    return toPaymentMethodDto(method);
  }

  async remove(user: AuthenticatedUser, id: string): Promise<void> {
    if (!(await this.methods.remove(user.id, id))) {
      throw notFound(id);
    }
  }
}

const notFound = (id: string) =>
  new OrderException(OrderErrorCode.PAYMENT_METHOD_NOT_FOUND, `You have no saved payment method ${id}`);
