import type { SellerReportAction, SellerReportReason } from '@agora/contracts';
import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

export const SELLER_REPORT_STATUSES = ['open', 'resolved'] as const;
export type SellerReportStatus = (typeof SELLER_REPORT_STATUSES)[number];

/**
 * A buyer's report on a seller (seed 003: protection from scams), in the moderators' queue until one of them
 * resolves it, once, under its row lock. A reporter has at most one open report per seller (a partial unique
 * index makes two at once one). `version` is its ETag.
 */
@Entity({ name: 'seller_reports' })
@Index('seller_reports_one_open', ['reporterId', 'sellerId'], { unique: true, where: `"status" = 'open'` })
@Index('seller_reports_queue_idx', ['status', 'createdAt', 'id'])
@Index('seller_reports_created_idx', ['createdAt', 'id'])
@Index('seller_reports_seller_idx', ['sellerId', 'createdAt'])
export class SellerReportEntity extends VersionedEntity {
  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId!: string;

  @Column({ name: 'seller_id', type: 'uuid' })
  sellerId!: string;

  @Column({ type: 'text' })
  reason!: SellerReportReason;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', default: 'open' })
  status!: SellerReportStatus;

  /** What the moderator did: dismissed it, warned the seller, or suspended their seller role. */
  @Column({ type: 'text', nullable: true })
  action!: SellerReportAction | null;

  @Column({ name: 'moderator_id', type: 'uuid', nullable: true })
  moderatorId!: string | null;

  @Column({ name: 'resolution_message', type: 'text', nullable: true })
  resolutionMessage!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}
