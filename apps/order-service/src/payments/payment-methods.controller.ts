import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiOrderErrors } from '../order.errors.js';
import { PaymentMethodsService } from './payment-methods.service.js';
import {
  PAYMENT_METHOD_LIST_QUERY,
  PaymentMethodDto,
  PaymentMethodPageDto,
  SavePaymentMethodDto,
} from './payments.dto.js';

/** The caller's saved cards: provider tokens with brand, last four and expiry (seed 003's payment card). */
@ApiTags('payment-methods')
@Controller('payment-methods')
@Authenticated()
export class PaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  /** Saves the card behind a provider token (201); the same token again answers the saved method (200). */
  @Post()
  @ApiCreatedResponse({ type: PaymentMethodDto })
  @ApiOkResponse({ type: PaymentMethodDto, description: 'The token was saved before' })
  @ApiOrderErrors('CARD_TOKEN_INVALID', 'TOO_MANY_PAYMENT_METHODS')
  async save(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: SavePaymentMethodDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentMethodDto> {
    const { method, created } = await this.methods.save(user, dto.token);
    reply.status(created ? 201 : 200);
    return method;
  }

  /** The caller's saved methods, newest first. */
  @Get()
  @ApiListQuery(PAYMENT_METHOD_LIST_QUERY)
  @ApiOkResponse({ type: PaymentMethodPageDto })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(PAYMENT_METHOD_LIST_QUERY) query: ParsedListQuery,
  ): Promise<PaymentMethodPageDto> {
    return this.methods.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PaymentMethodDto })
  @ApiOrderErrors('PAYMENT_METHOD_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<PaymentMethodDto> {
    return this.methods.get(user, id);
  }

  /** Forgets the saved method (orders paid with it keep their payments). */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOrderErrors('PAYMENT_METHOD_NOT_FOUND')
  remove(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.methods.remove(user, id);
  }
}
