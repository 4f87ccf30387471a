import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

/** A delivery address in a user's address book (seed 003: the buyer chooses an address). */
@Entity({ name: 'addresses' })
@Index('addresses_user_created_idx', ['userId', 'createdAt', 'id'])
export class AddressEntity extends VersionedEntity {
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The buyer's name for it, e.g. `Home`. */
  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text' })
  line1!: string;

  @Column({ type: 'text', nullable: true })
  line2!: string | null;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode!: string;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column({ type: 'text' })
  country!: string;
}
