import {
  SELLER_REPORT_ACTIONS,
  SELLER_REPORT_REASONS,
  type SellerReportAction,
  type SellerReportReason,
} from '@agora/contracts';
import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import {
  SELLER_REPORT_STATUSES,
  type SellerReportEntity,
  type SellerReportStatus,
} from './seller-report.entity.js';

export const REPORT_TEXT_MAX_LENGTH = 2000;
export const RESOLUTION_MESSAGE_MAX_LENGTH = 2000;

/** Moderators' queue: oldest first; `filter[status]=open` for what waits, `filter[sellerId]=…` per seller. */
export const SELLER_REPORT_LIST_QUERY: ListQuerySpec = {
  fields: {
    createdAt: 'date',
    status: 'string',
    reason: 'string',
    sellerId: 'uuid',
    reporterId: 'uuid',
  },
  sortable: ['createdAt'],
  defaultSort: 'createdAt',
};

export class ReportSellerDto {
  @ApiProperty({ enum: SELLER_REPORT_REASONS })
  @IsIn(SELLER_REPORT_REASONS)
  reason!: SellerReportReason;

  @ApiProperty({ description: 'What happened, as plain text', maxLength: REPORT_TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(REPORT_TEXT_MAX_LENGTH * 2)
  text!: string;
}

export class ResolveSellerReportDto {
  @ApiProperty({
    enum: SELLER_REPORT_ACTIONS,
    description:
      '`dismiss`: nothing for the seller; `warn`: the seller is told; `suspend`: the seller role goes',
  })
  @IsIn(SELLER_REPORT_ACTIONS)
  action!: SellerReportAction;

  @ApiPropertyOptional({
    description: 'To the seller (warnings, suspensions)',
    maxLength: RESOLUTION_MESSAGE_MAX_LENGTH,
  })
  @Omittable()
  @IsString()
  @MaxLength(RESOLUTION_MESSAGE_MAX_LENGTH * 2)
  message?: string;
}

export class SellerReportDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  reporterId!: string;

  @ApiProperty({ format: 'uuid' })
  sellerId!: string;

  @ApiProperty({ enum: SELLER_REPORT_REASONS })
  reason!: SellerReportReason;

  @ApiProperty({ description: 'Plain text (render it as text)' })
  text!: string;

  @ApiProperty({ enum: SELLER_REPORT_STATUSES })
  status!: SellerReportStatus;

  @ApiProperty({ enum: SELLER_REPORT_ACTIONS, nullable: true })
  action!: SellerReportAction | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  moderatorId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolutionMessage!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({ description: 'The ETag for If-Match on the resolution' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const SellerReportPageDto = PageOf(SellerReportDto);
export type SellerReportPageDto = Page<SellerReportDto>;

export function toSellerReportDto(report: SellerReportEntity): SellerReportDto {
  return {
    id: report.id,
    reporterId: report.reporterId,
    sellerId: report.sellerId,
    reason: report.reason,
    text: report.text,
    status: report.status,
    action: report.action,
    moderatorId: report.moderatorId,
    resolutionMessage: report.resolutionMessage,
    resolvedAt: report.resolvedAt?.toISOString() ?? null,
    version: report.version,
    createdAt: report.createdAt.toISOString(),
  };
}
