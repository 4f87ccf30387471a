import { isStaff, type AuthenticatedUser } from '@agora/auth';
import { SellerTopics } from '@agora/contracts';
import { OutboxWriter, UnitOfWork } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { RateLimiter } from '@agora/rate-limit';
import { Injectable } from '@nestjs/common';
import { OrderConfig } from '../order.config.js';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { SellerAccountsRepository } from '../sellers/seller-accounts.repository.js';
import { cleanText, optionalText } from '../sellers/seller-text.js';
import {
  REPORT_TEXT_MAX_LENGTH,
  RESOLUTION_MESSAGE_MAX_LENGTH,
  toSellerReportDto,
  type ReportSellerDto,
  type ResolveSellerReportDto,
  type SellerReportDto,
  type SellerReportPageDto,
} from './seller-reports.dto.js';
import { SellerReportsRepository } from './seller-reports.repository.js';

const HOUR_MS = 60 * 60_000;

const reportNotFound = (id: string) =>
  new OrderException(OrderErrorCode.SELLER_REPORT_NOT_FOUND, `No report ${id} on a seller`);

/**
 * Reports on sellers (seed 003: protection from scams): any signed-in (hence verified) user reports an active
 * seller other than themselves, within an hourly budget and once while the report is open; moderators work
 * the queue and resolve each report once, under its row lock. The resolution goes to the outbox: auth-service
 * tells the seller, and on `suspend` takes the seller role back (`auth.user.role-changed.v1` follows).
 */
@Injectable()
export class SellerReportsService {
  constructor(
    private readonly reports: SellerReportsRepository,
    private readonly sellers: SellerAccountsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly limiter: RateLimiter,
    private readonly config: OrderConfig,
  ) {}

  async report(user: AuthenticatedUser, sellerId: string, dto: ReportSellerDto): Promise<SellerReportDto> {
    if (sellerId === user.id) {
      throw new OrderException(OrderErrorCode.CANNOT_REPORT_SELF, 'You cannot report yourself');
    }
    const text = cleanText(dto.text, REPORT_TEXT_MAX_LENGTH, 'text');
    await this.limiter.consume(
      `order.seller-reports:${user.id}`,
      this.config.ORDER_SELLER_REPORTS_PER_HOUR,
      HOUR_MS,
      { detail: 'Too many reports on sellers' },
    );
    const filed = await this.unitOfWork.run(async (tx) => {
      if (!(await this.sellers.isActive(tx, sellerId))) {
        throw new OrderException(OrderErrorCode.SELLER_NOT_FOUND, `No active seller ${sellerId}`);
      }
      const report = await this.reports.file(tx, { reporterId: user.id, sellerId, reason: dto.reason, text });
      if (!report) {
        throw new OrderException(
          OrderErrorCode.SELLER_REPORT_OPEN,
          'Your report on this seller is still open: moderators will look at it',
        );
      }
      return report;
    });
    return toSellerReportDto(filed);
  }

  async list(query: ParsedListQuery): Promise<SellerReportPageDto> {
    return mapPage(await this.reports.list(query), toSellerReportDto);
  }

  /** The report, to its reporter and staff; anyone else gets a 404. */
  async get(user: AuthenticatedUser, id: string): Promise<SellerReportDto> {
    const report = await this.reports.find(id);
    if (!report || (report.reporterId !== user.id && !isStaff(user))) {
      throw reportNotFound(id);
    }
    return toSellerReportDto(report);
  }

  /**
   * Resolves the open report under its row lock: one of many resolutions at once wins, the others get a 409
   * naming the action taken; an If-Match that names another version is a 412.
   */
  async resolve(
    moderator: AuthenticatedUser,
    id: string,
    dto: ResolveSellerReportDto,
    expected: ExpectedVersions,
  ): Promise<SellerReportDto> {
    const message = optionalText(dto.message, RESOLUTION_MESSAGE_MAX_LENGTH, 'message');
    const resolved = await this.unitOfWork.run(async (tx) => {
      const report = await this.reports.lock(tx, id);
      if (!report) {
        throw reportNotFound(id);
      }
      if (report.status !== 'open') {
        throw new OrderException(
          OrderErrorCode.SELLER_REPORT_RESOLVED,
          `The report was resolved already (${report.action ?? 'unknown'})`,
          { extensions: { resolvedAction: report.action } },
        );
      }
      assertVersionMatches(expected, report.version);
      const saved = await this.reports.resolve(tx, report, {
        action: dto.action,
        moderatorId: moderator.id,
        resolutionMessage: message,
        resolvedAt: new Date(),
      });
      await this.outbox.add(tx, SellerTopics.SellerReportResolved, saved.sellerId, {
        reportId: saved.id,
        sellerId: saved.sellerId,
        reporterId: saved.reporterId,
        reason: saved.reason,
        action: dto.action,
        moderatorId: moderator.id,
        message,
        resolvedAt: saved.resolvedAt!.toISOString(),
      });
      return saved;
    });
    return toSellerReportDto(resolved);
  }
}
