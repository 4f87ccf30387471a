import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One checkout (`POST /order`): the orders it placed point at it. With an `Idempotency-Key` the key and a
 * hash of the request body are kept, so a retry gets the first result and another body under the same key
 * is refused.
 */
@Entity({ name: 'checkouts' })
@Index('checkouts_buyer_key', ['buyerId', 'idempotencyKey'], {
  unique: true,
  where: `"idempotency_key" IS NOT NULL`,
})
export class CheckoutEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId!: string;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the request body in canonical JSON. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
