import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiOrderErrors } from '../order.errors.js';
import { AddToCartDto, CartDto, CartLineDto, ChangeCartLineDto } from './cart.dto.js';
import { CartService } from './cart.service.js';

/** Seed 001 Cart: `POST /cart`, `DELETE /cart/:id`, `DELETE /cart`, plus reading and changing a line. */
@ApiTags('cart')
@Controller('cart')
@Authenticated()
export class CartController {
  constructor(private readonly cart: CartService) {}

  /** The caller's cart with current prices; lines whose price moved or that cannot be bought are flagged. */
  @Get()
  @ApiOkResponse({ type: CartDto })
  get(@CurrentUser() user: AuthenticatedUser): Promise<CartDto> {
    return this.cart.get(user);
  }

  /** Adds the item (201 with the new line), or more of it to its line (200). */
  @Post()
  @ApiCreatedResponse({ type: CartLineDto, description: 'Added as a new line' })
  @ApiOkResponse({ type: CartLineDto, description: "Added to the item's line" })
  @ApiOrderErrors('ITEM_NOT_FOUND', 'ITEM_UNAVAILABLE', 'OUT_OF_STOCK', 'CANNOT_BUY_OWN', 'CART_FULL')
  async add(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: AddToCartDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartLineDto> {
    const { line, created } = await this.cart.add(user, dto);
    reply.status(created ? 201 : 200);
    return line;
  }

  /** Sets the line's quantity and accepts the item's current price. */
  @Patch(':id')
  @ApiOkResponse({ type: CartLineDto })
  @ApiOrderErrors(
    'CART_LINE_NOT_FOUND',
    'ITEM_NOT_FOUND',
    'ITEM_UNAVAILABLE',
    'OUT_OF_STOCK',
    'CANNOT_BUY_OWN',
  )
  @ApiConditionalWrite()
  change(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ChangeCartLineDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CartLineDto> {
    return this.cart.change(user, id, dto.quantity, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOrderErrors('CART_LINE_NOT_FOUND')
  @ApiConditionalWrite()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    return this.cart.remove(user, id, expected);
  }

  /** Empties the cart. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  clear(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.cart.clear(user);
  }
}
