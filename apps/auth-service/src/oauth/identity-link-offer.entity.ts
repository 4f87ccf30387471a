import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import type { OAuthProviderName } from './oauth-provider.js';

/**
 * A provider account whose verified e-mail matches an existing Agora account, waiting for the account's
 * password before the two are linked. The client holds the token; the database its SHA-256.
 */
@Entity({ name: 'identity_link_offers' })
export class IdentityLinkOfferEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  provider!: OAuthProviderName;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  email!: string;

  @Index('identity_link_offers_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
