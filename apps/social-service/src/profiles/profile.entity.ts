import { AgoraEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

export const CONTACT_KINDS = ['email', 'phone', 'telegram', 'whatsapp', 'website', 'other'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Marketplaces a seller links to (seed 003): Avito, Meshok, OLX, Kaspi, or another shop. */
export const MARKETPLACE_SITES = ['avito', 'meshok', 'olx', 'kaspi', 'ebay', 'etsy', 'other'] as const;
export type MarketplaceSite = (typeof MARKETPLACE_SITES)[number];

/** Who may open a direct chat with the user and write to them. */
export const MESSAGE_PRIVACIES = ['everyone', 'following', 'mutuals', 'nobody'] as const;
export type MessagePrivacy = (typeof MESSAGE_PRIVACIES)[number];

export interface ProfileContact {
  kind: ContactKind;
  value: string;
}

export interface MarketplaceLink {
  site: MarketplaceSite;
  url: string;
}

/**
 * A user's profile; its id is the auth-service user id. Only a verified account's profile is public
 * (listed and readable); `version` counts the changes applied to it (one per applied event or edit).
 */
@Entity({ name: 'profiles' })
@Index('profiles_public_created_idx', ['createdAt', 'id'], { where: '"verified"' })
// Heavy authors (followers past SOCIAL_FANOUT_MAX_FOLLOWERS) are found by it on every feed read.
@Index('profiles_followers_count_idx', ['followersCount'])
@Index('profiles_public_login_idx', ['login', 'id'], { where: '"verified"' })
@Index('profiles_public_display_name_idx', ['displayName', 'id'], { where: '"verified"' })
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

  @Column({ type: 'text', default: '' })
  bio!: string;

  /** A media the user owns (media-service), shown as the avatar; null when none. */
  @Column({ name: 'avatar_media_id', type: 'uuid', nullable: true })
  avatarMediaId!: string | null;

  /** How to reach the user: `[{kind, value}]`, e.g. `{kind: 'telegram', value: '@anna'}`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts!: ProfileContact[];

  /** The user's shops elsewhere: `[{site, url}]`, e.g. `{site: 'avito', url: 'https://avito.ru/…'}`. */
  @Column({ name: 'marketplace_links', type: 'jsonb', default: () => "'[]'" })
  marketplaceLinks!: MarketplaceLink[];

  /** A private account: follows need its acceptance, and only followers see its posts and lists. */
  @Column({ name: 'private', type: 'boolean', default: false })
  isPrivate!: boolean;

  /** Who may write to the user: everyone, people the user follows, mutual follows, or nobody. */
  @Column({ name: 'messages_from', type: 'text', default: 'everyone' })
  messagesFrom!: MessagePrivacy;

  /** The average of the 1–5 star reviews of the user's listings (catalog's review events); null without any. */
  @Column({
    name: 'seller_rating',
    type: 'numeric',
    precision: 3,
    scale: 2,
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  sellerRating!: number | null;

  @Column({ name: 'seller_reviews_count', type: 'integer', default: 0 })
  sellerReviewsCount!: number;

  /** Accepted followers; kept by the follow graph in the transaction of each change. */
  @Column({ name: 'followers_count', type: 'integer', default: 0 })
  followersCount!: number;

  @Column({ name: 'following_count', type: 'integer', default: 0 })
  followingCount!: number;

  @Column({ name: 'posts_count', type: 'integer', default: 0 })
  postsCount!: number;

  /** 1 at creation, +1 with every change applied (rename, verification, display name). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
