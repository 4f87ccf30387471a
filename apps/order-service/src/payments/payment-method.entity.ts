import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

/**
 * A card a user saved (seed 003's "payment card"), as the provider's token with what the buyer needs to
 * recognise it — brand, last four digits, expiry — and nothing else: never the number or the CVC.
 */
@Entity({ name: 'payment_methods' })
@Index('payment_methods_user_created_idx', ['userId', 'createdAt', 'id'])
@Index('payment_methods_user_token', ['userId', 'provider', 'providerToken'], { unique: true })
export class PaymentMethodEntity extends AgoraEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ name: 'provider_token', type: 'text' })
  providerToken!: string;

  @Column({ type: 'text' })
  brand!: string;

  @Column({ type: 'text' })
  last4!: string;

  @Column({ name: 'exp_month', type: 'integer' })
  expMonth!: number;

  @Column({ name: 'exp_year', type: 'integer' })
  expYear!: number;
}
