import {
  bool,
  id,
  instant,
  integer,
  listOf,
  nullable,
  object,
  oneOf,
  text,
  type PayloadSchema,
} from './schema.js';

/**
 * catalog-service's check-in topics (issue 17), registered in `TopicPayloads` (topics.ts). Key: the check-in
 * id, so one check-in's events stay in order. social-service can make feed entries from them; each carries
 * the item's rating after the change.
 */

/** What a check-in can be about: a coffee, or a watch ("wrist check"). */
export const CHECKIN_KINDS = ['coffee', 'watch'] as const;
export type CheckinKind = (typeof CHECKIN_KINDS)[number];

/** How a checked-in coffee was brewed and served. */
export const CHECKIN_SERVINGS = [
  'espresso',
  'ristretto',
  'americano',
  'cappuccino',
  'latte',
  'flat-white',
  'filter',
  'pour-over',
  'aeropress',
  'french-press',
  'moka',
  'cold-brew',
  'turkish',
  'batch-brew',
  'capsule',
  'other',
] as const;
export type CheckinServing = (typeof CHECKIN_SERVINGS)[number];

/** Half-star buckets of a rating distribution: 0.5, 1, … 5 stars. */
export const RATING_BUCKETS = 10;

/**
 * An item's ratings after a change: each user's latest check-in counts once. Ratings are in quarter stars
 * (1 = 0.25 ★, 20 = 5 ★), so the mean in stars is `sumQuarters / 4 / count`.
 */
export interface ItemRatingV1 {
  count: number;
  sumQuarters: number;
  /** Users per half star, 0.5 ★ first; a quarter rating counts in the half star above it. */
  distribution: number[];
}

/** A check-in as it is after it was written or changed. */
export interface CheckinSavedV1 {
  checkinId: string;
  itemKind: CheckinKind;
  itemId: string;
  authorId: string;
  /** Quarter stars, 1 to 20. */
  ratingQuarters: number;
  /** Whether this check-in's rating is the one of its author that counts (their latest). */
  counted: boolean;
  text: string | null;
  tagIds: string[];
  mediaIds: string[];
  /** 1 when written, +1 with each change: a consumer keeps the highest it saw. */
  version: number;
  itemRating: ItemRatingV1;
  createdAt: string;
  savedAt: string;
}

export interface CheckinDeletedV1 {
  checkinId: string;
  itemKind: CheckinKind;
  itemId: string;
  authorId: string;
  /** The author, or the moderator who deleted it. */
  deletedBy: string;
  itemRating: ItemRatingV1;
  deletedAt: string;
}

export interface CheckinTopicPayloads {
  'catalog.checkin.created.v1': CheckinSavedV1;
  'catalog.checkin.updated.v1': CheckinSavedV1;
  'catalog.checkin.deleted.v1': CheckinDeletedV1;
}

export const CheckinTopics = {
  CatalogCheckinCreated: 'catalog.checkin.created.v1',
  CatalogCheckinUpdated: 'catalog.checkin.updated.v1',
  CatalogCheckinDeleted: 'catalog.checkin.deleted.v1',
} as const satisfies Record<string, keyof CheckinTopicPayloads>;

export const ItemRatingV1Schema: PayloadSchema<ItemRatingV1> = {
  count: integer(0),
  sumQuarters: integer(0),
  distribution: listOf(integer(0), { min: RATING_BUCKETS, max: RATING_BUCKETS }),
};

const saved: PayloadSchema<CheckinSavedV1> = {
  checkinId: id(),
  itemKind: oneOf(CHECKIN_KINDS),
  itemId: id(),
  authorId: id(),
  ratingQuarters: integer(1, 20),
  counted: bool(),
  text: nullable(text({ max: 10_000 })),
  tagIds: listOf(id(), { max: 100 }),
  mediaIds: listOf(id(), { max: 100 }),
  version: integer(1),
  itemRating: object(ItemRatingV1Schema),
  createdAt: instant(),
  savedAt: instant(),
};

/** Every check-in topic's payload schema, checked on receipt like the others (TOPIC_SCHEMAS in topics.ts). */
export const CHECKIN_TOPIC_SCHEMAS: {
  readonly [T in keyof CheckinTopicPayloads]: PayloadSchema<CheckinTopicPayloads[T]>;
} = {
  'catalog.checkin.created.v1': saved,
  'catalog.checkin.updated.v1': saved,
  'catalog.checkin.deleted.v1': {
    checkinId: id(),
    itemKind: oneOf(CHECKIN_KINDS),
    itemId: id(),
    authorId: id(),
    deletedBy: id(),
    itemRating: object(ItemRatingV1Schema),
    deletedAt: instant(),
  },
};
