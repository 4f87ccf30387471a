import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Who is a seller, as order-service learns it from `auth.user.role-changed.v1` (an approved application, an
 * admin's change, a suspension): reports name only active sellers. The role's token version orders the
 * changes, so an older event never overwrites a newer one.
 */
@Entity({ name: 'seller_accounts' })
export class SellerAccountEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** Whether the user holds the seller role now. */
  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'token_version', type: 'integer' })
  tokenVersion!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
