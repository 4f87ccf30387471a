import { id, instant, integer, oneOf, type PayloadSchema } from './schema.js';

/**
 * catalog-service's like topics (issue 17), registered in `TopicPayloads` (topics.ts). Key: the liked
 * thing's id, so its likes stay in order. social-service can notify the liked thing's owner from them.
 */

/** What can be liked: check-ins, comments under them, catalog items and marketplace listings. */
export const LIKE_KINDS = ['checkin', 'comment', 'coffee', 'watch', 'mechanism', 'listing'] as const;
export type LikeKind = (typeof LIKE_KINDS)[number];

/** A like given or taken back, with the liked thing's count after it. */
export interface LikeChangedV1 {
  targetKind: LikeKind;
  /** The liked thing's id. */
  targetId: string;
  /** Who liked (or unliked). */
  userId: string;
  /** Whom to notify: the check-in's or comment's author, the item's creator, the listing's seller. */
  ownerId: string;
  /** Likes of the thing after this change. */
  likeCount: number;
  changedAt: string;
}

export interface LikeTopicPayloads {
  'catalog.like.added.v1': LikeChangedV1;
  'catalog.like.removed.v1': LikeChangedV1;
}

export const LikeTopics = {
  CatalogLikeAdded: 'catalog.like.added.v1',
  CatalogLikeRemoved: 'catalog.like.removed.v1',
} as const satisfies Record<string, keyof LikeTopicPayloads>;

const changed: PayloadSchema<LikeChangedV1> = {
  targetKind: oneOf(LIKE_KINDS),
  targetId: id(),
  userId: id(),
  ownerId: id(),
  likeCount: integer(0),
  changedAt: instant(),
};

/** Every like topic's payload schema (TOPIC_SCHEMAS in topics.ts). */
export const LIKE_TOPIC_SCHEMAS: {
  readonly [T in keyof LikeTopicPayloads]: PayloadSchema<LikeTopicPayloads[T]>;
} = {
  'catalog.like.added.v1': changed,
  'catalog.like.removed.v1': changed,
};
