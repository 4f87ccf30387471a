import { ORDER_STATUSES, type OrderStatus, type PaymentMethod } from '@agora/contracts';
import { VersionedEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';
import { bigintNumber } from '../bigint-number.js';
import type { AddressSnapshotDto } from '../addresses/addresses.dto.js';

/**
 * An order (seed 003 `Order`: buyer, status, created, address): one seller's part of a checkout, with its
 * lines' prices and the address copied when it was placed. Never deleted: an admin's DELETE cancels it.
 */
@Entity({ name: 'orders' })
@Index('orders_buyer_created_idx', ['buyerId', 'createdAt', 'id'])
@Index('orders_seller_created_idx', ['sellerId', 'createdAt', 'id'])
@Index('orders_created_idx', ['createdAt', 'id'])
/** Admins' view of one state (e.g. every paid order waiting to be packed), newest first. */
@Index('orders_status_created_idx', ['status', 'createdAt', 'id'])
@Index('orders_checkout_idx', ['checkoutId'])
@Index('orders_awaiting_payment_idx', ['createdAt'], {
  where: `"status" = 'created' AND "payment_method" = 'test_card'`,
})
@Check('orders_status_check', `"status" IN (${ORDER_STATUSES.map((status) => `'${status}'`).join(', ')})`)
export class OrderEntity extends VersionedEntity {
  @Column({ name: 'checkout_id', type: 'uuid' })
  checkoutId!: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  /** A listing's seller; null for the shop's own menu products. */
  @Column({ name: 'seller_id', type: 'uuid', nullable: true })
  sellerId!: string | null;

  @Column({ type: 'text', default: 'created' })
  status!: OrderStatus;

  @Column({ name: 'payment_method', type: 'text' })
  paymentMethod!: PaymentMethod;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'total_minor', type: 'bigint', transformer: bigintNumber })
  totalMinor!: number;

  @Column({ type: 'jsonb' })
  address!: AddressSnapshotDto;

  /** Why it was cancelled (by whom is in its transitions). */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;
}
