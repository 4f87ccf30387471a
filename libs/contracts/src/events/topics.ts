import { ROLES, type Role } from '../roles.js';
import {
  bool,
  decimal,
  digits,
  id,
  instant,
  integer,
  listOf,
  nullable,
  object,
  oneOf,
  optional,
  text,
  type PayloadSchema,
  type Rule,
} from './schema.js';
import { ORDER_TOPIC_SCHEMAS, OrderTopics, type OrderTopicPayloads } from './order-topics.js';
import { SOCIAL_TOPIC_SCHEMAS, SocialTopics, type SocialTopicPayloads } from './social-topics.js';
import { SELLER_TOPIC_SCHEMAS, SellerTopics, type SellerTopicPayloads } from './seller-topics.js';
import { STOCK_TOPIC_SCHEMAS, StockTopics, type StockTopicPayloads } from './stock-topics.js';
import { CHECKIN_TOPIC_SCHEMAS, CheckinTopics, type CheckinTopicPayloads } from './checkin-topics.js';
import { LIKE_TOPIC_SCHEMAS, LikeTopics, type LikeTopicPayloads } from './like-topics.js';

/**
 * Every Kafka topic and its payload type. This file is the only place where topic names and payloads
 * are defined: producers and consumers import them from @agora/contracts, so a wrong payload does not
 * compile. Each payload has a runtime schema beside it (`XSchema`, checked against its interface by the
 * compiler), which every consumer applies on receipt: a message that does not fit is dead-lettered. Names follow `<service>.<aggregate>.<event>.v<N>`; keys are aggregate ids.
 */

export interface UserRegisteredV1 {
  userId: string;
  email: string;
  login: string;
  registeredAt: string;
  /** The name an identity provider (Google, Yandex) gave, for a new profile; absent for a plain registration. */
  displayName?: string | null;
  /** The provider's picture URL (https), for a new profile; absent for a plain registration. */
  avatarUrl?: string | null;
}

export const UserRegisteredV1Schema: PayloadSchema<UserRegisteredV1> = {
  userId: id(),
  email: text({ max: 320 }),
  login: text({ max: 200 }),
  registeredAt: instant(),
  displayName: optional(nullable(text({ nonEmpty: false, max: 1000 }))),
  avatarUrl: optional(nullable(text({ nonEmpty: false, max: 4096 }))),
};

export interface UserVerifiedV1 {
  userId: string;
  verifiedAt: string;
}

export const UserVerifiedV1Schema: PayloadSchema<UserVerifiedV1> = { userId: id(), verifiedAt: instant() };

/** The user's public account fields after a change (by the user or an admin). */
export interface UserUpdatedV1 {
  userId: string;
  email: string;
  login: string;
  /**
   * Whether the account is verified after the change (an admin may verify or un-verify it); consumers show
   * or hide what is public only for verified accounts. Absent in events written before it existed: leaves
   * visibility as it was.
   */
  verified?: boolean;
  updatedAt: string;
}

export const UserUpdatedV1Schema: PayloadSchema<UserUpdatedV1> = {
  userId: id(),
  email: text({ max: 320 }),
  login: text({ max: 200 }),
  verified: optional(bool()),
  updatedAt: instant(),
};

export interface UserRoleChangedV1 {
  userId: string;
  role: Role;
  previousRole: Role;
  /** The admin who changed it. */
  changedBy: string;
  changedAt: string;
  /**
   * The user's token version after the change: access tokens of the user whose `ver` claim is lower carry
   * the old role and are revoked in every service (the refresh token goes on and brings the new role).
   */
  tokenVersion: number;
  /** When every access token issued before the change has expired: revocation entries may go then. */
  accessTokensExpireBy: string;
}

export const UserRoleChangedV1Schema: PayloadSchema<UserRoleChangedV1> = {
  userId: id(),
  role: oneOf(ROLES),
  previousRole: oneOf(ROLES),
  changedBy: id(),
  changedAt: instant(),
  tokenVersion: integer(0),
  accessTokensExpireBy: instant(),
};

export const USER_DELETION_REASONS = ['unverified-expired', 'deleted-by-admin', 'deleted-by-user'] as const;
export type UserDeletionReason = (typeof USER_DELETION_REASONS)[number];

/** An account is gone: every service drops what it keeps of the user and refuses the user's access tokens. */
export interface UserDeletedV1 {
  userId: string;
  reason: UserDeletionReason;
  deletedAt: string;
  /** When every access token of the user has expired; absent → `deletedAt` plus the longest token lifetime (24 h). */
  accessTokensExpireBy?: string;
}

export const UserDeletedV1Schema: PayloadSchema<UserDeletedV1> = {
  userId: id(),
  reason: oneOf(USER_DELETION_REASONS),
  deletedAt: instant(),
  accessTokensExpireBy: optional(instant()),
};

/** Why sign-ins were ended. */
export const SESSION_REVOCATION_REASONS = [
  'logout',
  'refresh-token-reused',
  'password-changed',
  'password-reset',
  'account-unverified',
] as const;
export type SessionRevocationReason = (typeof SESSION_REVOCATION_REASONS)[number];

/**
 * Sign-ins (refresh-token families) ended: access tokens whose `sid` claim is one of `sessionIds` are
 * refused by every service from now on, until `accessTokensExpireBy`.
 */
export interface SessionRevokedV1 {
  userId: string;
  sessionIds: string[];
  reason: SessionRevocationReason;
  revokedAt: string;
  /** When every access token of these sessions has expired: revocation entries may go then. */
  accessTokensExpireBy: string;
}

export const SessionRevokedV1Schema: PayloadSchema<SessionRevokedV1> = {
  userId: id(),
  sessionIds: listOf(id(), { min: 1, max: 10_000 }),
  reason: oneOf(SESSION_REVOCATION_REASONS),
  revokedAt: instant(),
  accessTokensExpireBy: instant(),
};

/** Kinds of catalog items; each has its own routes and tables in catalog-service. */
export const CATALOG_ITEM_KINDS = ['coffee', 'watch', 'mechanism', 'product', 'listing'] as const;
export type CatalogItemKind = (typeof CATALOG_ITEM_KINDS)[number];

/** Whether a priced item can be bought now: `active` yes; `inactive` (a draft, archived, unavailable) or `sold` no. */
export const OFFER_STATUSES = ['active', 'inactive', 'sold'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * What a priced item (product, listing) offers for sale, as order-service keeps it. Amounts are decimal
 * strings, e.g. `"250.00"`.
 */
export interface CatalogOfferV1 {
  /** The seller of a listing; null for a menu product, which the shop itself sells. */
  sellerId: string | null;
  status: OfferStatus;
  price: string;
  /** ISO 4217, e.g. `RUB`. */
  currency: string;
  /** Units catalog holds (a listing is one item); null when catalog does not count them. */
  stock: number | null;
}

/** A catalog item as it is after a change (created or updated). */
export interface CatalogItemChangedV1 {
  kind: CatalogItemKind;
  itemId: string;
  name: string;
  /** Increases by one with every change; lets consumers drop stale events. */
  version: number;
  /** The user whose change (direct, or an approved draft's author) this is. */
  changedBy: string;
  changedAt: string;
  /** A priced item's offer after the change; absent for other kinds and in events written before it existed. */
  offer?: CatalogOfferV1;
  /**
   * Present when the change is catalog holding units for this order (the stock saga): order-service drops its
   * own hold of the item for that order in the transaction that applies this stock, whichever of this event
   * and `catalog.stock.reserved.v1` comes first.
   */
  heldForOrderId?: string;
  /**
   * What learners are asked about the item (CoTask's decks generated from the catalog, issue 19): a coffee's
   * origin, a watch's mechanism. Absent for other kinds and in events written before it existed.
   */
  facts?: CatalogItemFactsV1;
}

/** A coffee's origin or a watch's mechanism, as the item is after the change (null: not known). */
export interface CatalogItemFactsV1 {
  /** Coffee: ISO 3166-1 alpha-2 of the origin country. */
  countryCode?: string | null;
  /** Coffee: the growing region's name. */
  region?: string | null;
  /** Watch: its mechanism's (calibre's) name. */
  mechanism?: string | null;
}

export const CatalogItemFactsV1Schema: PayloadSchema<CatalogItemFactsV1> = {
  countryCode: optional(nullable(text({ max: 2 }))),
  region: optional(nullable(text({ max: 1000 }))),
  mechanism: optional(nullable(text({ max: 1000 }))),
};

const currency = (): Rule<string> => text({ max: 3 });

export const CatalogOfferV1Schema: PayloadSchema<CatalogOfferV1> = {
  sellerId: nullable(id()),
  status: oneOf(OFFER_STATUSES),
  price: decimal(),
  currency: currency(),
  stock: nullable(integer(0)),
};

export const CatalogItemChangedV1Schema: PayloadSchema<CatalogItemChangedV1> = {
  kind: oneOf(CATALOG_ITEM_KINDS),
  itemId: id(),
  name: text({ max: 1000 }),
  version: integer(1),
  changedBy: id(),
  changedAt: instant(),
  offer: optional(object(CatalogOfferV1Schema)),
  heldForOrderId: optional(id()),
  facts: optional(object(CatalogItemFactsV1Schema)),
};

export interface CatalogItemDeletedV1 {
  kind: CatalogItemKind;
  itemId: string;
  deletedBy: string;
  deletedAt: string;
}

export const CatalogItemDeletedV1Schema: PayloadSchema<CatalogItemDeletedV1> = {
  kind: oneOf(CATALOG_ITEM_KINDS),
  itemId: id(),
  deletedBy: id(),
  deletedAt: instant(),
};

/** Kinds of catalog items that carry a price (seed 001 menu products, seed 003 listings). */
export const PRICED_ITEM_KINDS = ['product', 'listing'] as const satisfies readonly CatalogItemKind[];
export type PricedItemKind = (typeof PRICED_ITEM_KINDS)[number];

/**
 * A priced item's price when it is first set and whenever it changes; order-service keeps its prices
 * from these (and drops an item on `catalog.item.deleted.v1`). Amounts are decimal strings, e.g. `"250.00"`.
 */
export interface PriceChangedV1 {
  kind: PricedItemKind;
  itemId: string;
  name: string;
  price: string;
  /** ISO 4217, e.g. `RUB`. */
  currency: string;
  /** Null when the item is new. */
  previousPrice: string | null;
  previousCurrency: string | null;
  /** The item's version after the change; consumers drop older ones. */
  version: number;
  changedAt: string;
}

export const PriceChangedV1Schema: PayloadSchema<PriceChangedV1> = {
  kind: oneOf(PRICED_ITEM_KINDS),
  itemId: id(),
  name: text({ max: 1000 }),
  price: decimal(),
  currency: currency(),
  previousPrice: nullable(decimal()),
  previousCurrency: nullable(currency()),
  version: integer(1),
  changedAt: instant(),
};

/** What a draft proposes: a catalog item of a kind, or a dictionary value (seeds 000, 002). */
export const DRAFT_SUBJECTS = ['coffee', 'watch', 'mechanism', 'dictionary-value'] as const;
export type DraftSubject = (typeof DRAFT_SUBJECTS)[number];

/** A moderator's decision on a user's draft; the author is told through social-service. */
export interface DraftReviewedV1 {
  draftId: string;
  subject: DraftSubject;
  /** The item created or changed (approved), or the item the draft was about (rejected; null for a new item). */
  itemId: string | null;
  authorId: string;
  reviewerId: string;
  /** `changes-requested` returns the draft to its author, who may revise and resubmit it. */
  decision: 'approved' | 'rejected' | 'changes-requested';
  /** The moderator's message to the author. */
  message: string | null;
  reviewedAt: string;
}

export const DraftReviewedV1Schema: PayloadSchema<DraftReviewedV1> = {
  draftId: id(),
  subject: oneOf(DRAFT_SUBJECTS),
  itemId: nullable(id()),
  authorId: id(),
  reviewerId: id(),
  decision: oneOf(['approved', 'rejected', 'changes-requested']),
  message: nullable(text({ nonEmpty: false })),
  reviewedAt: instant(),
};

/** A buyer's review of a listing (seed 003) was written or changed: the seller's rating follows it. */
export interface ReviewSavedV1 {
  reviewId: string;
  listingId: string;
  sellerId: string;
  authorId: string;
  /** 1–5 stars. */
  rating: number;
  /**
   * Its author has an issued order of the listing (a change of it is a new version); only verified reviews
   * count in the seller's rating. Absent from events written before it existed: false.
   */
  verifiedPurchase?: boolean;
  /** 1 when written, +1 with each change: a consumer keeps the highest it saw. */
  version: number;
  savedAt: string;
}

export const ReviewSavedV1Schema: PayloadSchema<ReviewSavedV1> = {
  reviewId: id(),
  listingId: id(),
  sellerId: id(),
  authorId: id(),
  rating: integer(1, 5),
  verifiedPurchase: optional(bool()),
  version: integer(1),
  savedAt: instant(),
};

export interface ReviewDeletedV1 {
  reviewId: string;
  listingId: string;
  sellerId: string;
  authorId: string;
  deletedAt: string;
}

export const ReviewDeletedV1Schema: PayloadSchema<ReviewDeletedV1> = {
  reviewId: id(),
  listingId: id(),
  sellerId: id(),
  authorId: id(),
  deletedAt: instant(),
};

/** A variant media-service stores of every upload (WebP), as `GET /media/:id` lists them. */
export interface MediaVariantV1 {
  name: string;
  width: number;
  height: number;
}

/** An image accepted, re-encoded and stored; catalog-service learns from it who owns the media. */
/** The most barcodes media-service reports from one image. */
export const MAX_DECODED_BARCODES = 8;

export interface MediaUploadedV1 {
  mediaId: string;
  ownerId: string;
  width: number;
  height: number;
  blurhash: string;
  variants: MediaVariantV1[];
  uploadedAt: string;
  /**
   * The retail barcodes (EAN-8, EAN-13, UPC-A; digits with their check digit) decoded once from the image's
   * pixels when it was uploaded, for pack-photo verification of check-ins; none found: empty. Absent in
   * events written before decoding existed: none.
   */
  barcodes?: string[];
}

export const MediaUploadedV1Schema: PayloadSchema<MediaUploadedV1> = {
  mediaId: id(),
  ownerId: id(),
  width: integer(1),
  height: integer(1),
  blurhash: text({ max: 200 }),
  variants: listOf(
    object<MediaVariantV1>({ name: text({ max: 100 }), width: integer(1), height: integer(1) }),
    {
      max: 100,
    },
  ),
  uploadedAt: instant(),
  barcodes: optional(listOf(digits(8, 13), { max: MAX_DECODED_BARCODES })),
};

export const MEDIA_DELETION_REASONS = ['deleted-by-owner', 'deleted-by-admin', 'orphaned'] as const;
export type MediaDeletionReason = (typeof MEDIA_DELETION_REASONS)[number];

/** A media and its files are gone; whatever showed it drops the link. */
export interface MediaDeletedV1 {
  mediaId: string;
  ownerId: string;
  reason: MediaDeletionReason;
  deletedAt: string;
}

export const MediaDeletedV1Schema: PayloadSchema<MediaDeletedV1> = {
  mediaId: id(),
  ownerId: id(),
  reason: oneOf(MEDIA_DELETION_REASONS),
  deletedAt: instant(),
};

/** Sides a photo shows an item from (seed 002: main, left, right, bottom), plus back and detail. */
export const PHOTO_SIDES = ['main', 'left', 'right', 'bottom', 'back', 'detail'] as const;
export type PhotoSide = (typeof PHOTO_SIDES)[number];

/** What photos can be put on: catalog items, menu products, listings, and reviews of listings (seed 003). */
export const PHOTO_KINDS = ['coffee', 'watch', 'mechanism', 'product', 'listing', 'review'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** A media shown on a catalog item, listing or review: media-service stops counting it as an orphan. */
export interface MediaAttachedV1 {
  mediaId: string;
  kind: PhotoKind;
  itemId: string;
  side: PhotoSide;
  attachedBy: string;
  attachedAt: string;
}

export const MediaAttachedV1Schema: PayloadSchema<MediaAttachedV1> = {
  mediaId: id(),
  kind: oneOf(PHOTO_KINDS),
  itemId: id(),
  side: oneOf(PHOTO_SIDES),
  attachedBy: id(),
  attachedAt: instant(),
};

export interface TopicPayloads
  extends
    SocialTopicPayloads,
    SellerTopicPayloads,
    OrderTopicPayloads,
    StockTopicPayloads,
    CheckinTopicPayloads,
    LikeTopicPayloads {
  'auth.user.registered.v1': UserRegisteredV1;
  'auth.user.verified.v1': UserVerifiedV1;
  'auth.user.updated.v1': UserUpdatedV1;
  'auth.user.role-changed.v1': UserRoleChangedV1;
  'auth.user.deleted.v1': UserDeletedV1;
  'auth.session.revoked.v1': SessionRevokedV1;
  'media.media.uploaded.v1': MediaUploadedV1;
  'media.media.deleted.v1': MediaDeletedV1;
  'catalog.item.created.v1': CatalogItemChangedV1;
  'catalog.item.updated.v1': CatalogItemChangedV1;
  'catalog.item.deleted.v1': CatalogItemDeletedV1;
  'catalog.price.changed.v1': PriceChangedV1;
  'catalog.media.attached.v1': MediaAttachedV1;
  'catalog.draft.approved.v1': DraftReviewedV1;
  'catalog.draft.rejected.v1': DraftReviewedV1;
  'catalog.review.saved.v1': ReviewSavedV1;
  'catalog.review.deleted.v1': ReviewDeletedV1;
}

export type Topic = keyof TopicPayloads;
export type PayloadOf<T extends Topic> = TopicPayloads[T];

export const Topics = {
  UserRegistered: 'auth.user.registered.v1',
  UserVerified: 'auth.user.verified.v1',
  UserUpdated: 'auth.user.updated.v1',
  UserRoleChanged: 'auth.user.role-changed.v1',
  UserDeleted: 'auth.user.deleted.v1',
  SessionRevoked: 'auth.session.revoked.v1',
  MediaUploaded: 'media.media.uploaded.v1',
  MediaDeleted: 'media.media.deleted.v1',
  CatalogItemCreated: 'catalog.item.created.v1',
  CatalogItemUpdated: 'catalog.item.updated.v1',
  CatalogItemDeleted: 'catalog.item.deleted.v1',
  CatalogPriceChanged: 'catalog.price.changed.v1',
  CatalogMediaAttached: 'catalog.media.attached.v1',
  CatalogDraftApproved: 'catalog.draft.approved.v1',
  CatalogDraftRejected: 'catalog.draft.rejected.v1',
  CatalogReviewSaved: 'catalog.review.saved.v1',
  CatalogReviewDeleted: 'catalog.review.deleted.v1',
  ...SocialTopics,
  ...SellerTopics,
  ...OrderTopics,
  ...StockTopics,
  ...CheckinTopics,
  ...LikeTopics,
} as const satisfies Record<string, Topic>;

/** Every topic's payload schema: consumers validate each message with it on receipt. */
export const TOPIC_SCHEMAS: { readonly [T in Topic]: PayloadSchema<PayloadOf<T>> } = {
  'auth.user.registered.v1': UserRegisteredV1Schema,
  'auth.user.verified.v1': UserVerifiedV1Schema,
  'auth.user.updated.v1': UserUpdatedV1Schema,
  'auth.user.role-changed.v1': UserRoleChangedV1Schema,
  'auth.user.deleted.v1': UserDeletedV1Schema,
  'auth.session.revoked.v1': SessionRevokedV1Schema,
  'media.media.uploaded.v1': MediaUploadedV1Schema,
  'media.media.deleted.v1': MediaDeletedV1Schema,
  'catalog.item.created.v1': CatalogItemChangedV1Schema,
  'catalog.item.updated.v1': CatalogItemChangedV1Schema,
  'catalog.item.deleted.v1': CatalogItemDeletedV1Schema,
  'catalog.price.changed.v1': PriceChangedV1Schema,
  'catalog.media.attached.v1': MediaAttachedV1Schema,
  'catalog.draft.approved.v1': DraftReviewedV1Schema,
  'catalog.draft.rejected.v1': DraftReviewedV1Schema,
  'catalog.review.saved.v1': ReviewSavedV1Schema,
  'catalog.review.deleted.v1': ReviewDeletedV1Schema,
  ...SOCIAL_TOPIC_SCHEMAS,
  ...SELLER_TOPIC_SCHEMAS,
  ...ORDER_TOPIC_SCHEMAS,
  ...STOCK_TOPIC_SCHEMAS,
  ...CHECKIN_TOPIC_SCHEMAS,
  ...LIKE_TOPIC_SCHEMAS,
};

/**
 * What is wrong with a payload received on `topic` (empty when it fits its schema). A topic that has no
 * schema is a problem too: nothing unknown reaches a handler.
 */
export function payloadProblems(topic: string, payload: unknown): string[] {
  const schema = (TOPIC_SCHEMAS as Partial<Record<string, PayloadSchema<unknown>>>)[topic];
  if (!schema) {
    return [`${topic} is not a known topic`];
  }
  const problems: string[] = [];
  object(schema).check(payload, 'payload', problems);
  return problems;
}

/** True when `payload` fits the schema of `topic`. */
export function isPayloadOf<T extends Topic>(topic: T, payload: unknown): payload is PayloadOf<T> {
  return payloadProblems(topic, payload).length === 0;
}

/** Every topic, for creating them before services start. */
export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Where a message that keeps failing ends up, with the error in its headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
