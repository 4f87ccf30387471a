import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { TokenTransport } from '../sessions/token-pair.dto.js';
import { UserEntity } from '../users/user.entity.js';
import type { OAuthProviderName } from './oauth-provider.js';

export const OAUTH_INTENTS = ['sign-in', 'link'] as const;
export type OAuthIntent = (typeof OAUTH_INTENTS)[number];

/**
 * A started Google/Yandex sign-in, from the redirect to the provider until its callback: the OAuth `state`
 * (stored as its SHA-256, single use, expiring), the PKCE verifier and what the user asked for.
 */
@Entity({ name: 'oauth_flows' })
export class OAuthFlowEntity {
  @PrimaryColumn({ name: 'state_hash', type: 'text' })
  stateHash!: string;

  @Column({ type: 'text' })
  provider!: OAuthProviderName;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier!: string;

  @Column({ type: 'text' })
  intent!: OAuthIntent;

  @Column({ type: 'text' })
  transport!: TokenTransport;

  /** The signed-in user who asked to link the provider's account (intent `link`). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Index('oauth_flows_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
