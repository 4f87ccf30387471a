import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOrderErrors } from '../order.errors.js';
import {
  ApplyForSellerDto,
  DecideApplicationDto,
  RejectApplicationDto,
  SELLER_APPLICATION_LIST_QUERY,
  SellerApplicationDto,
  SellerApplicationPageDto,
} from './sellers.dto.js';
import { SellersService } from './sellers.service.js';

@ApiTags('sellers')
@Controller('sellers/applications')
export class SellersController {
  constructor(private readonly sellers: SellersService) {}

  /** The caller asks for the seller role with their shop's details; an admin decides. */
  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: SellerApplicationDto })
  @ApiOrderErrors(
    'ALREADY_SELLER',
    'ROLE_CANNOT_APPLY',
    'SELLER_APPLICATION_PENDING',
    'EMPTY_TEXT',
    'TEXT_TOO_LONG',
  )
  apply(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ApplyForSellerDto,
  ): Promise<SellerApplicationDto> {
    return this.sellers.apply(user, dto);
  }

  /** Admins' queue, oldest first; `filter[status]=pending` for the applications waiting. */
  @Get()
  @Authenticated('admin')
  @ApiListQuery(SELLER_APPLICATION_LIST_QUERY)
  @ApiOkResponse({ type: SellerApplicationPageDto })
  list(@ListQuery(SELLER_APPLICATION_LIST_QUERY) query: ParsedListQuery): Promise<SellerApplicationPageDto> {
    return this.sellers.list(query);
  }

  /** The application, to its applicant and admins. */
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: SellerApplicationDto })
  @ApiOrderErrors('SELLER_APPLICATION_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<SellerApplicationDto> {
    return this.sellers.get(user, id);
  }

  /** An admin approves the pending application: auth-service makes the applicant a seller and tells them. */
  @Put(':id/approval')
  @Authenticated('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: SellerApplicationDto })
  @ApiOrderErrors('SELLER_APPLICATION_NOT_FOUND', 'SELLER_APPLICATION_DECIDED', 'TEXT_TOO_LONG')
  @ApiConditionalWrite()
  approve(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: DecideApplicationDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<SellerApplicationDto> {
    return this.sellers.approve(admin, id, dto.message, expected);
  }

  /** An admin rejects the pending application with a message to the applicant. */
  @Put(':id/rejection')
  @Authenticated('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: SellerApplicationDto })
  @ApiOrderErrors('SELLER_APPLICATION_NOT_FOUND', 'SELLER_APPLICATION_DECIDED', 'EMPTY_TEXT', 'TEXT_TOO_LONG')
  @ApiConditionalWrite()
  reject(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: RejectApplicationDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<SellerApplicationDto> {
    return this.sellers.reject(admin, id, dto.message, expected);
  }
}
