import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, UuidParam, type ExpectedVersions } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { ApiRateLimitErrors, RateLimitErrorCode } from '@agora/rate-limit';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOrderErrors } from '../order.errors.js';
import {
  ReportSellerDto,
  ResolveSellerReportDto,
  SELLER_REPORT_LIST_QUERY,
  SellerReportDto,
  SellerReportPageDto,
} from './seller-reports.dto.js';
import { SellerReportsService } from './seller-reports.service.js';

@ApiTags('seller-reports')
@Controller()
export class SellerReportsController {
  constructor(private readonly reports: SellerReportsService) {}

  /** The caller reports the seller to the moderators (once while the report is open). */
  @Post('sellers/:sellerId/reports')
  @Authenticated()
  @ApiRateLimitErrors(RateLimitErrorCode.RATE_LIMITED)
  @ApiCreatedResponse({ type: SellerReportDto })
  @ApiOrderErrors(
    'CANNOT_REPORT_SELF',
    'SELLER_NOT_FOUND',
    'SELLER_REPORT_OPEN',
    'EMPTY_TEXT',
    'TEXT_TOO_LONG',
  )
  report(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('sellerId') sellerId: string,
    @Body() dto: ReportSellerDto,
  ): Promise<SellerReportDto> {
    return this.reports.report(user, sellerId, dto);
  }

  /** The moderators' queue, oldest first; `filter[status]=open` for what waits. */
  @Get('seller-reports')
  @Authenticated('moderator', 'admin')
  @ApiListQuery(SELLER_REPORT_LIST_QUERY)
  @ApiOkResponse({ type: SellerReportPageDto })
  list(@ListQuery(SELLER_REPORT_LIST_QUERY) query: ParsedListQuery): Promise<SellerReportPageDto> {
    return this.reports.list(query);
  }

  /** The report, to its reporter and staff. */
  @Get('seller-reports/:id')
  @Authenticated()
  @ApiOkResponse({ type: SellerReportDto })
  @ApiOrderErrors('SELLER_REPORT_NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<SellerReportDto> {
    return this.reports.get(user, id);
  }

  /** A moderator dismisses the report, warns the seller, or suspends their seller role; once. */
  @Put('seller-reports/:id/resolution')
  @Authenticated('moderator', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: SellerReportDto })
  @ApiOrderErrors('SELLER_REPORT_NOT_FOUND', 'SELLER_REPORT_RESOLVED', 'TEXT_TOO_LONG')
  @ApiConditionalWrite()
  resolve(
    @CurrentUser() moderator: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ResolveSellerReportDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<SellerReportDto> {
    return this.reports.resolve(moderator, id, dto, expected);
  }
}
