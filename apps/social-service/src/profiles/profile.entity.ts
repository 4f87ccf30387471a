import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

/**
 * A user's profile; its id is the auth-service user id. Only a verified account's profile is public
 * (listed and readable); `version` counts the changes applied to it (one per applied event or edit).
 */
@Entity({ name: 'profiles' })
@Index('profiles_public_created_idx', ['createdAt', 'id'], { where: '"verified"' })
export class ProfileEntity extends AgoraEntity {
  @Column({ type: 'text' })
  login!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** An https picture URL from the identity provider (Google, Yandex) at sign-up; null otherwise. */
  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl!: string | null;

  /** The account's address is proven (auth.user.verified.v1): the profile is public. */
  @Column({ type: 'boolean', default: false })
  verified!: boolean;

  /** 1 at creation, +1 with every change applied (rename, verification, display name). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
