import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import type { OAuthProviderName } from './oauth-provider.js';

/** A Google or Yandex account linked to an Agora user: one per provider and user. */
@Entity({ name: 'identities' })
@Unique('identities_user_provider_key', ['userId', 'provider'])
export class IdentityEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: OAuthProviderName;

  /** The provider's id of the person. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  /** Looked up through the unique (user_id, provider) index. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The address the provider gave when the link was made. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
