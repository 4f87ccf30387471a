import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';
import { PAYMENT_STATUSES, type PaymentStatus } from './payment-state.js';

/**
 * One attempt to pay an order by card, with what the provider said of it (payment-state.ts). An order has at
 * most one attempt that has not failed (a partial unique index: two attempts started at once cannot both
 * live); failed ones are kept with their reason, for the buyer.
 */
@Entity({ name: 'payments' })
@Index('payments_order_idx', ['orderId', 'createdAt', 'id'])
@Index('payments_order_live', ['orderId'], { unique: true, where: `"status" <> 'failed'` })
@Index('payments_owing_refund_idx', ['createdAt'], {
  where: `"status" = 'captured' AND "refund_requested_at" IS NULL`,
})
@Check('payments_status_check', `"status" IN (${PAYMENT_STATUSES.map((status) => `'${status}'`).join(', ')})`)
export class PaymentEntity extends VersionedEntity {
  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  /** The provider's name (`test`). */
  @Column({ type: 'text' })
  provider!: string;

  /** The payment's id at the provider, once it answered. */
  @Column({ name: 'provider_payment_id', type: 'text', nullable: true })
  providerPaymentId!: string | null;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber })
  amountMinor!: number;

  @Column({ type: 'text' })
  currency!: string;

  /** The saved method paid with, when one was. */
  @Column({ name: 'payment_method_id', type: 'uuid', nullable: true })
  paymentMethodId!: string | null;

  @Column({ name: 'card_brand', type: 'text' })
  cardBrand!: string;

  @Column({ name: 'card_last4', type: 'text' })
  cardLast4!: string;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  /** When a refund was asked of the provider (once: a second request finds it set). */
  @Column({ name: 'refund_requested_at', type: 'timestamptz', nullable: true })
  refundRequestedAt!: Date | null;
}
