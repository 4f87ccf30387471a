import {
  ORDER_ACTORS,
  ORDER_ITEM_KINDS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type OrderActor,
  type OrderStatus,
  type PaymentMethod,
} from '@agora/contracts';
import { NestedObject, Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AddressInputDto, AddressSnapshotDto } from '../addresses/addresses.dto.js';
import { MoneyDto, toMoneyDto } from '../money.dto.js';
import { MAX_LINE_QUANTITY } from '../offers/purchase-rules.js';
import { PaymentDto } from '../payments/payments.dto.js';
import type { OrderLineEntity } from './order-line.entity.js';
import type { OrderTransitionEntity } from './order-transition.entity.js';
import type { OrderEntity } from './order.entity.js';

/** Most lines one checkout takes. */
export const MAX_CHECKOUT_ITEMS = 100;

/** Whose orders `GET /orders` lists: the caller's as buyer, the caller's as seller, or (admins) all. */
export const ORDER_SCOPES = ['buyer', 'seller', 'all'] as const;
export type OrderScope = (typeof ORDER_SCOPES)[number];

/** Orders: newest first; filter by status, buyer, seller, total or date. */
export const ORDER_LIST_QUERY: ListQuerySpec = {
  fields: { createdAt: 'date', status: 'string', buyerId: 'uuid', sellerId: 'uuid', totalMinor: 'bigint' },
  sortable: ['createdAt'],
  defaultSort: '-createdAt',
  parameters: ['as'],
};

const trimmedReason = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CheckoutItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ enum: ORDER_ITEM_KINDS })
  @IsIn(ORDER_ITEM_KINDS)
  kind!: (typeof ORDER_ITEM_KINDS)[number];

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

/** A payment method's name, or a saved method's id (a UUID). */
const PAYMENT_METHOD_CHOICE = new RegExp(
  `^(${PAYMENT_METHODS.join('|')}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`,
);

export class CheckoutRequestDto {
  @ApiPropertyOptional({ type: () => AddressInputDto, description: 'Where to ship; or `addressId`' })
  @Omittable()
  @NestedObject(() => AddressInputDto)
  address?: AddressInputDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "An address of the caller's address book; or `address`",
  })
  @Omittable()
  @IsUUID()
  addressId?: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', enum: [...PAYMENT_METHODS] },
      { type: 'string', format: 'uuid' },
    ],
    description:
      'How the buyer pays: `cash_on_delivery`, `test_card` (with `cardToken`, or without: pay later with ' +
      '`POST /orders/:id/payments`), or the id of one of the caller’s saved payment methods',
  })
  @IsString()
  @Matches(PAYMENT_METHOD_CHOICE, {
    message: `paymentMethod must be ${PAYMENT_METHODS.join(', ')} or a saved method's id`,
  })
  paymentMethod!: string;

  @ApiPropertyOptional({
    maxLength: 512,
    description: 'With `test_card`: a card token from the payment provider',
  })
  @Omittable()
  @IsString()
  @Matches(/^[\x21-\x7e]{1,512}$/, { message: 'cardToken must be 1–512 visible ASCII characters' })
  cardToken?: string;

  @ApiPropertyOptional({
    type: () => CheckoutItemDto,
    isArray: true,
    description: 'What to buy; the cart when absent (its lines are removed once ordered)',
  })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKOUT_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => CheckoutItemDto)
  items?: CheckoutItemDto[];
}

/** A checkout as it is placed: card payments (a token or a saved method) are `test_card` orders. */
export interface CheckoutRequest extends Omit<CheckoutRequestDto, 'paymentMethod'> {
  readonly paymentMethod: PaymentMethod;
  /** The saved method paid with (part of the request an Idempotency-Key is bound to). */
  readonly paymentMethodId?: string;
}

export class ChangeOrderStatusDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES)
  status!: OrderStatus;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why (kept with the transition; a cancellation keeps it)',
  })
  @Omittable()
  @trimmedReason()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** An admin's replacement of an order (seed 001 `PUT /order/:id`): its status and where it ships. */
export class ReplaceOrderDto {
  @ApiProperty({ enum: ORDER_STATUSES, description: 'Moved through the status machine when it differs' })
  @IsIn(ORDER_STATUSES)
  status!: OrderStatus;

  @ApiProperty({ type: () => AddressInputDto, description: 'Changes only before the order ships' })
  @NestedObject(() => AddressInputDto)
  address!: AddressInputDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @Omittable()
  @trimmedReason()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** An admin's edit of an order (seed 001 `PATCH /order/:id`). */
export class PatchOrderDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @Omittable()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ type: () => AddressInputDto })
  @Omittable()
  @NestedObject(() => AddressInputDto)
  address?: AddressInputDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @Omittable()
  @trimmedReason()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** An admin's deletion (`DELETE /order/:id?reason=`): the order is cancelled with the reason and kept. */
export class DeleteOrderDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @Omittable()
  @trimmedReason()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' })
  itemId!: string;

  @ApiProperty({ enum: ORDER_ITEM_KINDS })
  kind!: string;

  @ApiProperty({ description: 'The title when ordered' })
  title!: string;

  @ApiProperty()
  quantity!: number;

  @ApiProperty({ type: () => MoneyDto, description: 'The unit price when ordered' })
  unitPrice!: MoneyDto;

  @ApiProperty({ type: () => MoneyDto })
  lineTotal!: MoneyDto;
}

export class OrderTransitionDto {
  @ApiProperty({ type: String, enum: ORDER_STATUSES, nullable: true, description: 'Null for the creation' })
  from!: OrderStatus | null;

  @ApiProperty({ enum: ORDER_STATUSES })
  to!: OrderStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId!: string | null;

  @ApiProperty({ enum: ORDER_ACTORS })
  actorRole!: OrderActor;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The checkout that placed it (with the orders of other sellers)',
  })
  checkoutId!: string;

  @ApiProperty({ format: 'uuid' })
  buyerId!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Null for the shop's own products",
  })
  sellerId!: string | null;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ enum: PAYMENT_METHODS })
  paymentMethod!: PaymentMethod;

  @ApiProperty({ type: () => MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ type: () => OrderLineDto, isArray: true })
  lines!: OrderLineDto[];

  @ApiProperty({ type: () => AddressSnapshotDto, description: 'Copied when ordered' })
  address!: AddressSnapshotDto;

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ description: 'The ETag for If-Match on changes' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiPropertyOptional({
    type: () => OrderTransitionDto,
    isArray: true,
    description: 'Every step with who and when, oldest first (one order only)',
  })
  transitions?: OrderTransitionDto[];
}

export const OrderPageDto = PageOf(OrderDto);
export type OrderPageDto = Page<OrderDto>;

export class CheckoutResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: () => OrderDto, isArray: true, description: 'One per seller' })
  orders!: OrderDto[];

  @ApiProperty({ type: () => MoneyDto, isArray: true, description: 'Per currency, over the orders' })
  totals!: MoneyDto[];

  @ApiPropertyOptional({
    type: () => PaymentDto,
    isArray: true,
    description: 'Card orders: the latest payment of each (a failed one with its reason); absent for cash',
  })
  payments?: PaymentDto[];
}

export function toOrderLineDto(line: OrderLineEntity, currency: string): OrderLineDto {
  return {
    itemId: line.itemId,
    kind: line.kind,
    title: line.title,
    quantity: line.quantity,
    unitPrice: toMoneyDto(line.unitPriceMinor, currency),
    lineTotal: toMoneyDto(line.lineTotalMinor, currency),
  };
}

export function toTransitionDto(transition: OrderTransitionEntity): OrderTransitionDto {
  return {
    from: transition.from,
    to: transition.to,
    actorId: transition.actorId,
    actorRole: transition.actorRole,
    reason: transition.reason,
    at: transition.at.toISOString(),
  };
}

export function toOrderDto(
  order: OrderEntity,
  lines: readonly OrderLineEntity[],
  transitions?: readonly OrderTransitionEntity[],
): OrderDto {
  return {
    id: order.id,
    checkoutId: order.checkoutId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    status: order.status,
    paymentMethod: order.paymentMethod,
    total: toMoneyDto(order.totalMinor, order.currency),
    lines: lines.map((line) => toOrderLineDto(line, order.currency)),
    address: order.address,
    cancelReason: order.cancelReason,
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    ...(transitions ? { transitions: transitions.map(toTransitionDto) } : {}),
  };
}
