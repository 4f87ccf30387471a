import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What social-service learned about an account before its `auth.user.registered.v1` arrived. Topics are
 * not ordered with each other, so a rename, verification or deletion can overtake the registration; it is
 * kept here and folded into the profile when the registration comes. A deleted account's row stays as a
 * tombstone (user ids are never reused), so a late registration never revives its profile.
 */
@Entity({ name: 'early_account_events' })
export class EarlyAccountEventEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The login of the latest rename, if any. */
  @Column({ type: 'text', nullable: true })
  login!: string | null;

  @Column({ type: 'boolean', default: false })
  verified!: boolean;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  /** Changes (renames, verifications) the profile's version owes them. */
  @Column({ type: 'integer', default: 0 })
  changes!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
