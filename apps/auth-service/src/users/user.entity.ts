import type { Role } from '@agora/auth';
import { AgoraEntity } from '@agora/database';
import { Check, Column, Entity, Index } from 'typeorm';

@Entity({ name: 'users' })
// List sorts, ties by id (the ListIndexes migration; docs/adr/0006-list-engine.md).
@Index('users_created_at_sort_idx', ['createdAt', 'id'])
@Index('users_login_sort_idx', ['login', 'id'])
@Index('users_role_sort_idx', ['role', 'id'])
@Index('users_verified_sort_idx', ['verified', 'id'])
@Check('users_role_check', `"role" IN ('user', 'seller', 'moderator', 'admin')`)
export class UserEntity extends AgoraEntity {
  /** Stored lower-cased; unique. */
  @Column({ type: 'text', unique: true })
  email!: string;

  /** Unique regardless of case. */
  @Column({ type: 'text' })
  login!: string;

  /** argon2id; null for accounts that only sign in through Google or Yandex. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: false })
  verified!: boolean;

  @Column({ type: 'text', default: 'user' })
  role!: Role;

  /**
   * Goes up with every role change; access tokens carry it as `ver`, and services refuse tokens below the
   * version the latest `auth.user.role-changed.v1` announced.
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;
}
