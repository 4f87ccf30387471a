import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOrderErrors } from '../order.errors.js';
import { PayOrderDto, PaymentDto } from './payments.dto.js';
import { PaymentsService } from './payments.service.js';

/** An order's card payments: a new attempt by its buyer, the attempts, an admin's refund. */
@ApiTags('payments')
@Controller('orders')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /**
   * Pays the caller's card order with a card token or a saved method: authorized and captured at the
   * provider; the order becomes `paid` when the provider's webhook says so. A declined card answers 201 with
   * the payment `failed` and its reason, and the order waits for another attempt.
   */
  @Post(':id/payments')
  @Authenticated()
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiOrderErrors(
    'ORDER_NOT_FOUND',
    'NOT_A_CARD_ORDER',
    'ORDER_NOT_PAYABLE',
    'PAYMENT_IN_PROGRESS',
    'PAYMENT_SOURCE_INVALID',
    'CARD_TOKEN_INVALID',
    'PAYMENT_METHOD_NOT_FOUND',
  )
  pay(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PayOrderDto,
  ): Promise<PaymentDto> {
    return this.payments.pay(user, id, dto);
  }

  /** The order's payment attempts, oldest first, for its buyer, its seller and admins. */
  @Get(':id/payments')
  @Authenticated()
  @ApiOkResponse({ type: PaymentDto, isArray: true })
  @ApiOrderErrors('ORDER_NOT_FOUND')
  list(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PaymentDto[]> {
    return this.payments.list(user, id);
  }

  /**
   * Admins: refunds the order's captured payment through the provider (202): the order becomes `refunded`
   * when the provider's `payment.refunded` webhook arrives.
   */
  @Post(':id/refund')
  @HttpCode(202)
  @Authenticated('admin')
  @ApiAcceptedResponse({ type: PaymentDto })
  @ApiOrderErrors('ORDER_NOT_FOUND', 'NOTHING_TO_REFUND', 'ILLEGAL_TRANSITION', 'PAYMENT_PROVIDER_REFUSED')
  refund(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PaymentDto> {
    return this.payments.refund(user, id);
  }
}
