import { Authenticated } from '@agora/auth';
import { rawBodyOf } from '@agora/http';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiOrderErrors } from '../order.errors.js';
import { TestCardDto, TestCardTokenDto, WebhookAckDto } from './payments.dto.js';
import { PaymentsService } from './payments.service.js';
import { TestPaymentProvider } from './test-payment-provider.js';
import { SIGNATURE_HEADER } from './webhook-signature.js';

/** The payment provider's side: its webhooks in, and the test provider's card tokens out. */
@ApiTags('payments')
@Controller('payments')
export class PaymentWebhooksController {
  constructor(
    private readonly payments: PaymentsService,
    @Inject(TestPaymentProvider) private readonly testProvider: TestPaymentProvider,
  ) {}

  /**
   * The provider's events (`payment.authorized|captured|failed|refunded`), signed HMAC-SHA256 over
   * `<t>.<raw body>` (`Payment-Signature: t=…,v1=…`). Public: the signature is the authentication. An event
   * applied before answers 200 `duplicate: true` and changes nothing.
   */
  @Post('webhooks')
  @HttpCode(200)
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256>' })
  @ApiBody({ schema: { type: 'object', description: 'The provider event, as signed' } })
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiOrderErrors('WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_PAYLOAD_INVALID')
  receive(@Req() request: FastifyRequest): Promise<WebhookAckDto> {
    return this.payments.receiveWebhook(rawBodyOf(request), request.headers);
  }

  /**
   * The test provider's tokenization (what Stripe.js does in the browser): a test card in, a token out, the
   * number forgotten at once. Pay with the token or save it.
   */
  @Post('test-provider/tokens')
  @Authenticated()
  @ApiCreatedResponse({ type: TestCardTokenDto })
  @ApiOrderErrors('CARD_NUMBER_INVALID', 'CARD_EXPIRED')
  tokenize(@Body() dto: TestCardDto): TestCardTokenDto {
    return this.testProvider.tokenize(dto);
  }
}
