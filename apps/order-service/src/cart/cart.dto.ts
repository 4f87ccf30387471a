import { ORDER_ITEM_KINDS } from '@agora/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { MoneyDto, toMoneyDto, totalsByCurrency } from '../money.dto.js';
import type { OfferEntity } from '../offers/offer.entity.js';
import { MAX_LINE_QUANTITY, unavailableReason, type UnavailableReason } from '../offers/purchase-rules.js';
import type { CartLineEntity } from './cart-line.entity.js';

/** Most different items one cart holds. */
export const MAX_CART_LINES = 100;

export type ItemKind = (typeof ORDER_ITEM_KINDS)[number];

export class AddToCartDto {
  @ApiProperty({ format: 'uuid', description: 'The product or listing' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ enum: ORDER_ITEM_KINDS })
  @IsIn(ORDER_ITEM_KINDS)
  kind!: ItemKind;

  @ApiProperty({
    type: Number,
    minimum: 1,
    maximum: MAX_LINE_QUANTITY,
    description: 'Units to add (default 1)',
    required: false,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity: number = 1;
}

export class ChangeCartLineDto {
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, description: 'The units the line holds from now' })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

export class CartLineDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  itemId!: string;

  @ApiProperty({ enum: ORDER_ITEM_KINDS })
  kind!: ItemKind;

  @ApiProperty({ description: "The item's title now (empty once it is deleted)" })
  title!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "A listing's seller" })
  sellerId!: string | null;

  @ApiProperty()
  quantity!: number;

  @ApiProperty({ type: () => MoneyDto, description: 'The unit price now' })
  unitPrice!: MoneyDto;

  @ApiProperty({
    type: () => MoneyDto,
    description: 'The unit price when the line was added or last changed',
  })
  seenUnitPrice!: MoneyDto;

  @ApiProperty({
    description: 'The price moved since the line was added or last changed (PATCH it to accept)',
  })
  priceChanged!: boolean;

  @ApiProperty({ description: 'It can be bought now, in this quantity' })
  available!: boolean;

  @ApiProperty({
    type: String,
    enum: ['deleted', 'not_on_sale', 'out_of_stock'],
    nullable: true,
    description: 'Why it cannot be bought now',
  })
  unavailableReason!: UnavailableReason | null;

  @ApiProperty({ type: () => MoneyDto, description: 'quantity × unit price now' })
  lineTotal!: MoneyDto;

  @ApiProperty({ description: 'The ETag for If-Match on changes' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

export class CartDto {
  @ApiProperty({ type: () => CartLineDto, isArray: true, description: 'Oldest first' })
  lines!: CartLineDto[];

  @ApiProperty({ type: () => MoneyDto, isArray: true, description: 'Of the available lines, per currency' })
  totals!: MoneyDto[];

  @ApiProperty({
    description: 'Some line changed price or cannot be bought: a checkout of the cart is refused',
  })
  needsReview!: boolean;
}

/** The line with its item as it is now; an item order-service never heard of counts as deleted. */
export function toCartLineDto(line: CartLineEntity, offer: OfferEntity | undefined): CartLineDto {
  const priceMinor = offer && !offer.deleted ? offer.priceMinor : line.seenPriceMinor;
  const currency = offer && !offer.deleted ? offer.currency : line.seenCurrency;
  const reason = offer ? unavailableReason(offer, line.quantity) : 'deleted';
  return {
    id: line.id,
    itemId: line.itemId,
    kind: line.kind,
    title: offer?.title ?? '',
    sellerId: offer?.sellerId ?? null,
    quantity: line.quantity,
    unitPrice: toMoneyDto(priceMinor, currency),
    seenUnitPrice: toMoneyDto(line.seenPriceMinor, line.seenCurrency),
    priceChanged: priceMinor !== line.seenPriceMinor || currency !== line.seenCurrency,
    available: reason === null,
    unavailableReason: reason,
    lineTotal: toMoneyDto(priceMinor * line.quantity, currency),
    version: line.version,
    addedAt: line.createdAt.toISOString(),
  };
}

export function toCartDto(lines: readonly CartLineEntity[], offers: readonly OfferEntity[]): CartDto {
  const byId = new Map(offers.map((offer) => [offer.itemId, offer]));
  const dtos = lines.map((line) => toCartLineDto(line, byId.get(line.itemId)));
  return {
    lines: dtos,
    totals: totalsByCurrency(dtos.filter((line) => line.available).map((line) => line.lineTotal)),
    needsReview: dtos.some((line) => line.priceChanged || !line.available),
  };
}
