import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MoneyDto, toMoneyDto } from '../money.dto.js';
import { PAYMENT_STATUSES, type PaymentStatus } from './payment-state.js';
import type { PaymentMethodEntity } from './payment-method.entity.js';
import type { PaymentEntity } from './payment.entity.js';

/** Most saved payment methods a user keeps. */
export const MAX_PAYMENT_METHODS = 20;

/** A token as providers issue them: visible ASCII, no spaces. */
const TOKEN_PATTERN = /^[\x21-\x7e]{1,512}$/;

/** Saved payment methods: newest first. */
export const PAYMENT_METHOD_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', brand: 'string' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
  defaultLimit: 20,
  maxLimit: 100,
};

export class SavePaymentMethodDto {
  @ApiProperty({
    maxLength: 512,
    description:
      "A card token from the payment provider (the test provider's `POST /payments/test-provider/tokens`)",
  })
  @IsString()
  @Matches(TOKEN_PATTERN, { message: 'token must be 1–512 visible ASCII characters' })
  token!: string;
}

/** How to pay an order: a fresh card token or a saved method of the caller's (exactly one). */
export class PayOrderDto {
  @ApiPropertyOptional({ maxLength: 512, description: 'A card token from the payment provider' })
  @Omittable()
  @IsString()
  @Matches(TOKEN_PATTERN, { message: 'cardToken must be 1–512 visible ASCII characters' })
  cardToken?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of the caller’s saved payment methods' })
  @Omittable()
  @IsUUID()
  paymentMethodId?: string;
}

/** A test card for the test provider (the client side of a provider, as Stripe.js): test numbers only. */
export class TestCardDto {
  @ApiProperty({ example: '4242424242424242', description: 'One of the test cards listed in the README' })
  @IsString()
  @Matches(/^\d{12,19}$/, { message: 'number must be 12–19 digits' })
  number!: string;

  @ApiProperty({ minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @ApiProperty({ minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear!: number;

  @ApiProperty({ example: '123', description: 'Any 3 or 4 digits; checked, never kept' })
  @IsString()
  @Matches(/^\d{3,4}$/, { message: 'cvc must be 3 or 4 digits' })
  cvc!: string;
}

export class CardDto {
  @ApiProperty({ example: 'visa' })
  brand!: string;

  @ApiProperty({ example: '4242' })
  last4!: string;
}

export class TestCardTokenDto extends CardDto {
  @ApiProperty({ description: 'Pay with it (`cardToken`) or save it (`POST /payment-methods`)' })
  token!: string;

  @ApiProperty()
  expMonth!: number;

  @ApiProperty()
  expYear!: number;
}

export class PaymentMethodDto extends CardDto {
  @ApiProperty({ format: 'uuid', description: 'Checkout takes it as `paymentMethod`' })
  id!: string;

  @ApiProperty()
  expMonth!: number;

  @ApiProperty()
  expYear!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const PaymentMethodPageDto = PageOf(PaymentMethodDto);
export type PaymentMethodPageDto = Page<PaymentMethodDto>;

export class PaymentFailureDto {
  @ApiProperty({
    example: 'card_declined',
    description: 'card_declined, insufficient_funds, capture_failed, …',
  })
  code!: string;

  @ApiProperty({ example: 'Your card was declined.', description: 'For the buyer' })
  message!: string;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({
    enum: PAYMENT_STATUSES,
    description:
      'pending → authorized → captured → refunded, or failed (then the order waits for another attempt)',
  })
  status!: PaymentStatus;

  @ApiProperty({ type: () => MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ example: 'test' })
  provider!: string;

  @ApiProperty({ type: String, nullable: true, description: "The payment's id at the provider" })
  providerPaymentId!: string | null;

  @ApiProperty({ type: () => CardDto })
  card!: CardDto;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The saved method paid with' })
  paymentMethodId!: string | null;

  @ApiProperty({ type: () => PaymentFailureDto, nullable: true, description: 'Why it failed' })
  failure!: PaymentFailureDto | null;

  @ApiProperty({ description: 'A refund was asked of the provider' })
  refundRequested!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class WebhookAckDto {
  @ApiProperty({ example: true })
  received!: boolean;

  @ApiProperty({ description: 'The event was applied before (a redelivery or a replay): nothing changed' })
  duplicate!: boolean;
}

export function toPaymentDto(payment: PaymentEntity): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    status: payment.status,
    amount: toMoneyDto(payment.amountMinor, payment.currency),
    provider: payment.provider,
    providerPaymentId: payment.providerPaymentId,
    card: { brand: payment.cardBrand, last4: payment.cardLast4 },
    paymentMethodId: payment.paymentMethodId,
    failure:
      payment.failureCode !== null
        ? { code: payment.failureCode, message: payment.failureMessage ?? '' }
        : null,
    refundRequested: payment.refundRequestedAt !== null,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
  };
}

export function toPaymentMethodDto(method: PaymentMethodEntity): PaymentMethodDto {
  return {
    id: method.id,
    brand: method.brand,
    last4: method.last4,
    expMonth: method.expMonth,
    expYear: method.expYear,
    createdAt: method.createdAt.toISOString(),
  };
}
