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
 * social-service's topics and payloads, registered in `TopicPayloads` (topics.ts). Keys: the follower or
 * blocker for graph events, the post id for post, like and comment events.
 */

/** Who may read a post: anyone, or the author's (accepted) followers. */
export const POST_VISIBILITIES = ['public', 'followers'] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

/** `followerId` now follows `followeeId` (at once, or when a private account accepted the request). */
export interface FollowCreatedV1 {
  followerId: string;
  followeeId: string;
  followedAt: string;
}

/** `followerId` asked to follow the private account `followeeId`. */
export interface FollowRequestedV1 {
  followerId: string;
  followeeId: string;
  requestedAt: string;
}

/** A follow (or a pending request) ended: unfollowed, rejected, or cut by a block. */
export interface FollowDeletedV1 {
  followerId: string;
  followeeId: string;
  reason: 'unfollowed' | 'rejected' | 'blocked';
  deletedAt: string;
}

/** `blockerId` blocked `blockedId`: neither sees the other's content, follows both ways are gone. */
export interface BlockCreatedV1 {
  blockerId: string;
  blockedId: string;
  blockedAt: string;
}

export interface BlockDeletedV1 {
  blockerId: string;
  blockedId: string;
  unblockedAt: string;
}

/** A catalog item a post refers to. */
export interface PostItemRefV1 {
  kind: string;
  id: string;
}

export interface PostCreatedV1 {
  postId: string;
  authorId: string;
  visibility: PostVisibility;
  /** User ids mentioned with @login. */
  mentions: string[];
  tags: string[];
  mediaIds: string[];
  item: PostItemRefV1 | null;
  createdAt: string;
}

export interface PostUpdatedV1 {
  postId: string;
  authorId: string;
  version: number;
  visibility: PostVisibility;
  mentions: string[];
  tags: string[];
  mediaIds: string[];
  updatedAt: string;
}

export interface PostDeletedV1 {
  postId: string;
  authorId: string;
  deletedAt: string;
}

export interface PostLikedV1 {
  postId: string;
  authorId: string;
  userId: string;
  likedAt: string;
}

export interface PostUnlikedV1 {
  postId: string;
  authorId: string;
  userId: string;
  unlikedAt: string;
}

export interface CommentCreatedV1 {
  commentId: string;
  postId: string;
  postAuthorId: string;
  authorId: string;
  /** The comment answered (one level deep); null for a comment on the post. */
  parentId: string | null;
  mentions: string[];
  createdAt: string;
}

/** Chat kinds (social-service's chats): direct, a catalog item's room, a customer's support room. */
export const CHAT_KINDS = ['direct', 'item', 'support'] as const;
export type ChatKindV1 = (typeof CHAT_KINDS)[number];

/** A message was stored in a chat (and then delivered over the socket). */
export interface ChatMessageSentV1 {
  messageId: string;
  chatId: string;
  chatKind: ChatKindV1;
  authorId: string;
  /** The other members of a direct or support chat (who get a notification while offline); empty for rooms. */
  recipientIds: string[];
  sentAt: string;
}

/** A message's author edited it, or its author or staff deleted it (`deleted`). */
export interface ChatMessageChangedV1 {
  messageId: string;
  chatId: string;
  authorId: string;
  version: number;
  deleted: boolean;
  changedAt: string;
}

export interface SocialTopicPayloads {
  'social.follow.created.v1': FollowCreatedV1;
  'social.follow.requested.v1': FollowRequestedV1;
  'social.follow.deleted.v1': FollowDeletedV1;
  'social.block.created.v1': BlockCreatedV1;
  'social.block.deleted.v1': BlockDeletedV1;
  'social.post.created.v1': PostCreatedV1;
  'social.post.updated.v1': PostUpdatedV1;
  'social.post.deleted.v1': PostDeletedV1;
  'social.post.liked.v1': PostLikedV1;
  'social.post.unliked.v1': PostUnlikedV1;
  'social.comment.created.v1': CommentCreatedV1;
  'social.chat.message.sent.v1': ChatMessageSentV1;
  'social.chat.message.changed.v1': ChatMessageChangedV1;
}

export const SocialTopics = {
  FollowCreated: 'social.follow.created.v1',
  FollowRequested: 'social.follow.requested.v1',
  FollowDeleted: 'social.follow.deleted.v1',
  BlockCreated: 'social.block.created.v1',
  BlockDeleted: 'social.block.deleted.v1',
  PostCreated: 'social.post.created.v1',
  PostUpdated: 'social.post.updated.v1',
  PostDeleted: 'social.post.deleted.v1',
  PostLiked: 'social.post.liked.v1',
  PostUnliked: 'social.post.unliked.v1',
  CommentCreated: 'social.comment.created.v1',
  ChatMessageSent: 'social.chat.message.sent.v1',
  ChatMessageChanged: 'social.chat.message.changed.v1',
} as const satisfies Record<string, keyof SocialTopicPayloads>;

const ids = () => listOf(id(), { max: 1000 });
const tags = () => listOf(text({ max: 200 }), { max: 1000 });

/** Every social topic's payload schema, checked on receipt like the others (TOPIC_SCHEMAS in topics.ts). */
export const SOCIAL_TOPIC_SCHEMAS: {
  readonly [T in keyof SocialTopicPayloads]: PayloadSchema<SocialTopicPayloads[T]>;
} = {
  'social.follow.created.v1': { followerId: id(), followeeId: id(), followedAt: instant() },
  'social.follow.requested.v1': { followerId: id(), followeeId: id(), requestedAt: instant() },
  'social.follow.deleted.v1': {
    followerId: id(),
    followeeId: id(),
    reason: oneOf(['unfollowed', 'rejected', 'blocked'] as const),
    deletedAt: instant(),
  },
  'social.block.created.v1': { blockerId: id(), blockedId: id(), blockedAt: instant() },
  'social.block.deleted.v1': { blockerId: id(), blockedId: id(), unblockedAt: instant() },
  'social.post.created.v1': {
    postId: id(),
    authorId: id(),
    visibility: oneOf(POST_VISIBILITIES),
    mentions: ids(),
    tags: tags(),
    mediaIds: ids(),
    item: nullable(object<PostItemRefV1>({ kind: text({ max: 50 }), id: id() })),
    createdAt: instant(),
  },
  'social.post.updated.v1': {
    postId: id(),
    authorId: id(),
    version: integer(1),
    visibility: oneOf(POST_VISIBILITIES),
    mentions: ids(),
    tags: tags(),
    mediaIds: ids(),
    updatedAt: instant(),
  },
  'social.post.deleted.v1': { postId: id(), authorId: id(), deletedAt: instant() },
  'social.post.liked.v1': { postId: id(), authorId: id(), userId: id(), likedAt: instant() },
  'social.post.unliked.v1': { postId: id(), authorId: id(), userId: id(), unlikedAt: instant() },
  'social.comment.created.v1': {
    commentId: id(),
    postId: id(),
    postAuthorId: id(),
    authorId: id(),
    parentId: nullable(id()),
    mentions: ids(),
    createdAt: instant(),
  },
  'social.chat.message.sent.v1': {
    messageId: id(),
    chatId: id(),
    chatKind: oneOf(CHAT_KINDS),
    authorId: id(),
    recipientIds: ids(),
    sentAt: instant(),
  },
  'social.chat.message.changed.v1': {
    messageId: id(),
    chatId: id(),
    authorId: id(),
    version: integer(1),
    deleted: bool(),
    changedAt: instant(),
  },
};
