import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import {
  Body,
  Controller,
  createParamDecorator,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  Res,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiOrderErrors, OrderErrorCode, OrderException } from '../order.errors.js';
import { checkedIdempotencyKey, CheckoutService } from './checkout.service.js';
import {
  ChangeOrderStatusDto,
  CheckoutRequestDto,
  CheckoutResultDto,
  type CheckoutRequest,
  DeleteOrderDto,
  ORDER_LIST_QUERY,
  ORDER_SCOPES,
  OrderDto,
  OrderPageDto,
  PatchOrderDto,
  ReplaceOrderDto,
  type OrderScope,
} from './orders.dto.js';
import { PaymentsService } from '../payments/payments.service.js';
import { OrdersService } from './orders.service.js';

/** `?as=` of `GET /orders`, checked against ORDER_SCOPES. */
const ScopeQuery = createParamDecorator(
  (_data: unknown, context: ExecutionContext): OrderScope | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: { as?: unknown } }>>()
      .query.as;
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string' || !(ORDER_SCOPES as readonly string[]).includes(value)) {
      throw new OrderException(OrderErrorCode.INVALID_SCOPE, `as takes ${ORDER_SCOPES.join(', ')}`, {
        errors: [{ field: 'as', messages: [`must be one of ${ORDER_SCOPES.join(', ')}`] }],
      });
    }
    return value as OrderScope;
  },
);

/**
 * Seed 001 Order-management (`POST /order`, `GET /orders`, `GET|PUT|PATCH|DELETE /order/:id`; the gateway
 * maps `/order` here too) and the status machine's route.
 */
@ApiTags('orders')
@Controller('orders')
@Authenticated()
export class OrdersController {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
  ) {}

  /**
   * Checkout: the cart (or `items`) becomes one order per seller, with the units reserved. The same
   * Idempotency-Key with the same body answers the first result again (`Idempotent-Replayed: true`).
   */
  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A key of your choice (e.g. a UUID): a retry with it places nothing twice',
  })
  @ApiCreatedResponse({ type: CheckoutResultDto })
  @ApiOrderErrors(
    'INVALID_IDEMPOTENCY_KEY',
    'IDEMPOTENCY_KEY_REUSED',
    'ADDRESS_REQUIRED',
    'UNKNOWN_ADDRESS',
    'CART_EMPTY',
    'CART_CHANGED',
    'DUPLICATE_ITEM',
    'ITEM_NOT_FOUND',
    'ITEM_UNAVAILABLE',
    'OUT_OF_STOCK',
    'CANNOT_BUY_OWN',
    'MIXED_CURRENCIES',
    'PAYMENT_SOURCE_INVALID',
    'CARD_TOKEN_INVALID',
    'PAYMENT_METHOD_NOT_FOUND',
  )
  async checkout(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CheckoutRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutResultDto> {
    const idempotencyKey = checkedIdempotencyKey(key);
    // The card is checked before anything is placed: someone else's saved method is not found, never used.
    const source = await this.payments.sourceOf(user, dto);
    const placed: CheckoutRequest = {
      ...dto,
      paymentMethod: dto.paymentMethod === 'cash_on_delivery' ? 'cash_on_delivery' : 'test_card',
      ...(source?.paymentMethodId ? { paymentMethodId: source.paymentMethodId } : {}),
    };
    const { result, replayed } = await this.checkouts.checkout(user, placed, idempotencyKey);
    if (replayed) {
      reply.header('idempotent-replayed', 'true');
    }
    reply.status(201);
    if (placed.paymentMethod !== 'test_card') {
      return result;
    }
    return { ...result, payments: await this.payments.payCheckout(user, result.orders, source) };
  }

  /** The caller's orders as buyer (default), as seller (`as=seller`), or every order (admins; their default). */
  @Get()
  @ApiListQuery(ORDER_LIST_QUERY)
  @ApiQuery({ name: 'as', required: false, enum: ORDER_SCOPES })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiOrderErrors('INVALID_SCOPE', 'ADMINS_ONLY')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ScopeQuery() as: OrderScope | undefined,
    @ListQuery(ORDER_LIST_QUERY) query: ParsedListQuery,
  ): Promise<OrderPageDto> {
    return this.orders.list(user, as, query);
  }

  /** The order with its history, for its buyer, its seller and admins; 404 for anyone else. */
  @Get(':id')
  @ApiOkResponse({ type: OrderDto })
  @ApiOrderErrors('ORDER_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<OrderDto> {
    return this.orders.get(user, id);
  }

  /**
   * Moves the order on: its seller or an admin packs and ships it (in_stock → in_transit → with_courier →
   * issued), its buyer may cancel before it ships; `paid` is the payment provider's alone.
   */
  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  @ApiOrderErrors('ORDER_NOT_FOUND', 'ILLEGAL_TRANSITION', 'TRANSITION_FORBIDDEN')
  @ApiConditionalWrite()
  changeStatus(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ChangeOrderStatusDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<OrderDto> {
    return this.orders.changeStatus(user, id, dto.status, dto.reason, expected);
  }

  /** Admins: the order's status (through the machine) and address (before it ships). */
  @Put(':id')
  @ApiOkResponse({ type: OrderDto })
  @ApiOrderErrors('ORDER_NOT_FOUND', 'ADMINS_ONLY', 'ILLEGAL_TRANSITION', 'TRANSITION_FORBIDDEN')
  @ApiConditionalWrite()
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ReplaceOrderDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<OrderDto> {
    return this.orders.adminEdit(user, id, dto, expected);
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrderDto })
  @ApiOrderErrors('ORDER_NOT_FOUND', 'ADMINS_ONLY', 'ILLEGAL_TRANSITION', 'TRANSITION_FORBIDDEN')
  @ApiConditionalWrite()
  patch(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchOrderDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<OrderDto> {
    return this.orders.adminEdit(user, id, dto, expected);
  }

  /** Admins: cancels the order with the reason (`?reason=`); it is kept for audit. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOrderErrors('ORDER_NOT_FOUND', 'ADMINS_ONLY', 'ILLEGAL_TRANSITION')
  @ApiConditionalWrite()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() dto: DeleteOrderDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    return this.orders.adminDelete(user, id, dto.reason, expected);
  }
}
