import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

export const SELLER_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SellerApplicationStatus = (typeof SELLER_APPLICATION_STATUSES)[number];

/**
 * A user's request for the seller role with their shop's details (seed 003: buyers become sellers). At most
 * one pending per user (a partial unique index makes two submissions at once one); an admin approves or
 * rejects it under its row lock, once. `version` is its ETag.
 */
@Entity({ name: 'seller_applications' })
@Index('seller_applications_one_pending', ['userId'], { unique: true, where: `"status" = 'pending'` })
@Index('seller_applications_queue_idx', ['status', 'createdAt', 'id'])
@Index('seller_applications_created_idx', ['createdAt', 'id'])
@Index('seller_applications_user_idx', ['userId', 'createdAt'])
export class SellerApplicationEntity extends VersionedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'shop_name', type: 'text' })
  shopName!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail!: string;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: SellerApplicationStatus;

  /** The admin who approved or rejected it. */
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId!: string | null;

  /** The admin's message to the applicant. */
  @Column({ name: 'decision_message', type: 'text', nullable: true })
  decisionMessage!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
