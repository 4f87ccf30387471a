import { describe, expect, it } from 'vitest';
import { ALL_TOPICS, payloadProblems, TOPIC_SCHEMAS, type Topic, type TopicPayloads } from './topics.js';

const at = '2026-11-30T12:00:00.000Z';
const userId = '01a20eb5-b89d-709d-8bf2-787d8dfcba9f';

/** A payload that fits, per topic, as its producer writes it. */
const good: { [T in Topic]: TopicPayloads[T] } = {
  'catalog.stock.reserved.v1': {
    orderId: 'o1',
    items: [{ kind: 'listing', itemId: 'l1', quantity: 1, status: 'active', stock: 0, version: 4 }],
    reservedAt: at,
  },
  'catalog.stock.rejected.v1': {
    orderId: 'o1',
    problems: [{ kind: 'product', itemId: 'p1', reason: 'out_of_stock', left: 1 }],
    reason: 'Flat white: only 1 left',
    rejectedAt: at,
  },
  'catalog.stock.released.v1': {
    orderId: 'o1',
    items: [{ kind: 'product', itemId: 'p1', quantity: 2, status: 'active', stock: null, version: 9 }],
    releasedAt: at,
  },
  'order.order.created.v1': {
    orderId: 'o1',
    checkoutId: 'c1',
    buyerId: userId,
    sellerId: null,
    paymentMethod: 'cash_on_delivery',
    currency: 'RUB',
    totalMinor: 50000,
    lines: [{ itemId: 'p1', kind: 'product', title: 'Flat white', quantity: 2, unitPriceMinor: 25000 }],
    createdAt: at,
  },
  'order.order.status-changed.v1': {
    orderId: 'o1',
    buyerId: userId,
    sellerId: 's1',
    from: 'created',
    to: 'cancelled',
    actorId: userId,
    actorRole: 'buyer',
    reason: 'changed my mind',
    version: 2,
    changedAt: at,
  },
  'auth.user.registered.v1': {
    userId,
    email: 'ann@example.com',
    login: 'ann',
    registeredAt: at,
    displayName: null,
    avatarUrl: 'https://example.com/a.png',
  },
  'auth.user.verified.v1': { userId, verifiedAt: at },
  'auth.user.updated.v1': { userId, email: 'ann@example.com', login: 'ann2', verified: false, updatedAt: at },
  'auth.user.role-changed.v1': {
    userId,
    role: 'moderator',
    previousRole: 'user',
    changedBy: 'admin-1',
    changedAt: at,
    tokenVersion: 3,
    accessTokensExpireBy: at,
  },
  'auth.user.deleted.v1': { userId, reason: 'unverified-expired', deletedAt: at },
  'auth.session.revoked.v1': {
    userId,
    sessionIds: ['s1', 's2'],
    reason: 'password-changed',
    revokedAt: at,
    accessTokensExpireBy: at,
  },
  'media.media.uploaded.v1': {
    mediaId: 'm1',
    ownerId: userId,
    width: 800,
    height: 600,
    blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
    variants: [{ name: 'thumb', width: 200, height: 150 }],
    uploadedAt: at,
    barcodes: ['4006381333931', '96385074'],
  },
  'media.media.deleted.v1': { mediaId: 'm1', ownerId: userId, reason: 'orphaned', deletedAt: at },
  'catalog.item.created.v1': {
    kind: 'coffee',
    itemId: 'c1',
    name: 'Ethiopia',
    version: 1,
    changedBy: userId,
    changedAt: at,
    facts: { countryCode: 'ET', region: 'Yirgacheffe' },
  },
  'catalog.item.updated.v1': {
    kind: 'listing',
    itemId: 'l1',
    name: 'Seamaster',
    version: 7,
    changedBy: userId,
    changedAt: at,
    offer: { sellerId: userId, status: 'active', price: '250.00', currency: 'RUB', stock: 1 },
  },
  'catalog.item.deleted.v1': { kind: 'listing', itemId: 'l1', deletedBy: userId, deletedAt: at },
  'catalog.price.changed.v1': {
    kind: 'product',
    itemId: 'p1',
    name: 'Flat white',
    price: '250.00',
    currency: 'RUB',
    previousPrice: null,
    previousCurrency: null,
    version: 1,
    changedAt: at,
  },
  'catalog.media.attached.v1': {
    mediaId: 'm1',
    kind: 'review',
    itemId: 'r1',
    side: 'main',
    attachedBy: userId,
    attachedAt: at,
  },
  'catalog.draft.approved.v1': {
    draftId: 'd1',
    subject: 'dictionary-value',
    itemId: null,
    authorId: userId,
    reviewerId: 'mod-1',
    decision: 'approved',
    message: null,
    reviewedAt: at,
  },
  'catalog.draft.rejected.v1': {
    draftId: 'd1',
    subject: 'coffee',
    itemId: 'c1',
    authorId: userId,
    reviewerId: 'mod-1',
    decision: 'changes-requested',
    message: 'Add the roast date',
    reviewedAt: at,
  },
  'catalog.review.saved.v1': {
    reviewId: 'r1',
    listingId: 'l1',
    sellerId: 'seller',
    authorId: userId,
    rating: 4,
    verifiedPurchase: true,
    version: 1,
    savedAt: at,
  },
  'catalog.review.deleted.v1': {
    reviewId: 'r1',
    listingId: 'l1',
    sellerId: 'seller',
    authorId: userId,
    deletedAt: at,
  },
  'social.follow.created.v1': { followerId: userId, followeeId: 'u2', followedAt: at },
  'social.follow.requested.v1': { followerId: userId, followeeId: 'u2', requestedAt: at },
  'social.follow.deleted.v1': { followerId: userId, followeeId: 'u2', reason: 'blocked', deletedAt: at },
  'social.block.created.v1': { blockerId: userId, blockedId: 'u2', blockedAt: at },
  'social.block.deleted.v1': { blockerId: userId, blockedId: 'u2', unblockedAt: at },
  'social.post.created.v1': {
    postId: 'p1',
    authorId: userId,
    visibility: 'followers',
    mentions: ['u2'],
    tags: ['espresso'],
    mediaIds: ['m1'],
    item: { kind: 'coffee', id: 'c1' },
    createdAt: at,
  },
  'social.post.updated.v1': {
    postId: 'p1',
    authorId: userId,
    version: 2,
    visibility: 'public',
    mentions: [],
    tags: [],
    mediaIds: [],
    updatedAt: at,
  },
  'social.post.deleted.v1': { postId: 'p1', authorId: userId, deletedAt: at },
  'social.post.liked.v1': { postId: 'p1', authorId: userId, userId: 'u2', likedAt: at },
  'social.post.unliked.v1': { postId: 'p1', authorId: userId, userId: 'u2', unlikedAt: at },
  'social.comment.created.v1': {
    commentId: 'k1',
    postId: 'p1',
    postAuthorId: userId,
    authorId: 'u2',
    parentId: null,
    mentions: [],
    createdAt: at,
  },
  'social.chat.message.sent.v1': {
    messageId: 'm1',
    chatId: 'c1',
    chatKind: 'direct',
    authorId: userId,
    recipientIds: ['u2'],
    sentAt: at,
  },
  'social.chat.message.changed.v1': {
    messageId: 'm1',
    chatId: 'c1',
    authorId: userId,
    version: 2,
    deleted: false,
    changedAt: at,
  },
  'order.seller-application.submitted.v1': {
    applicationId: 'a1',
    userId,
    shopName: 'Grinders & Co',
    submittedAt: at,
  },
  'order.seller-application.approved.v1': {
    applicationId: 'a1',
    userId,
    shopName: 'Grinders & Co',
    decision: 'approved',
    reviewerId: 'admin-1',
    message: null,
    decidedAt: at,
  },
  'order.seller-application.rejected.v1': {
    applicationId: 'a1',
    userId,
    shopName: 'Grinders & Co',
    decision: 'rejected',
    reviewerId: 'admin-1',
    message: 'Tell us more about what you sell',
    decidedAt: at,
  },
  'order.seller-report.resolved.v1': {
    reportId: 'r1',
    sellerId: 's1',
    reporterId: userId,
    reason: 'scam',
    action: 'suspend',
    moderatorId: 'mod-1',
    message: 'Took payment, shipped nothing',
    resolvedAt: at,
  },
  'catalog.checkin.created.v1': {
    checkinId: 'ch1',
    itemKind: 'coffee',
    itemId: 'c1',
    authorId: userId,
    ratingQuarters: 17,
    counted: true,
    text: 'Bergamot and jasmine',
    tagIds: ['t1'],
    mediaIds: ['m1'],
    version: 1,
    itemRating: { count: 1, sumQuarters: 17, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
    createdAt: at,
    savedAt: at,
  },
  'catalog.checkin.updated.v1': {
    checkinId: 'ch1',
    itemKind: 'watch',
    itemId: 'w1',
    authorId: userId,
    ratingQuarters: 20,
    counted: false,
    text: null,
    tagIds: [],
    mediaIds: [],
    version: 2,
    itemRating: { count: 0, sumQuarters: 0, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    createdAt: at,
    savedAt: at,
  },
  'catalog.checkin.deleted.v1': {
    checkinId: 'ch1',
    itemKind: 'coffee',
    itemId: 'c1',
    authorId: userId,
    deletedBy: 'mod-1',
    itemRating: { count: 0, sumQuarters: 0, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    deletedAt: at,
  },
  'catalog.like.added.v1': {
    targetKind: 'checkin',
    targetId: 'ch1',
    userId,
    ownerId: 'u2',
    likeCount: 3,
    changedAt: at,
  },
  'catalog.like.removed.v1': {
    targetKind: 'listing',
    targetId: 'l1',
    userId,
    ownerId: 's1',
    likeCount: 0,
    changedAt: at,
  },
};

/** Per topic, payloads that must not reach a handler, and a problem each names. */
const offer = good['catalog.item.updated.v1'].offer!;

const bad: { [T in Topic]: [unknown, RegExp][] } = {
  'catalog.stock.reserved.v1': [
    [{ ...good['catalog.stock.reserved.v1'], items: [] }, /items must have 1 to 1000 items/],
    [
      {
        ...good['catalog.stock.reserved.v1'],
        items: [{ ...good['catalog.stock.reserved.v1'].items[0], stock: -1 }],
      },
      /stock must be an integer/,
    ],
  ],
  'catalog.stock.rejected.v1': [
    [{ ...good['catalog.stock.rejected.v1'], problems: [] }, /problems must have 1 to 1000 items/],
    [
      {
        ...good['catalog.stock.rejected.v1'],
        problems: [{ ...good['catalog.stock.rejected.v1'].problems[0], reason: 'stolen' }],
      },
      /reason must be one of/,
    ],
  ],
  'catalog.stock.released.v1': [
    [
      {
        ...good['catalog.stock.released.v1'],
        items: [{ ...good['catalog.stock.released.v1'].items[0], quantity: 0 }],
      },
      /quantity must be an integer/,
    ],
    [{ ...good['catalog.stock.released.v1'], releasedAt: 'now' }, /releasedAt must be/],
  ],
  'order.order.created.v1': [
    [{ ...good['order.order.created.v1'], lines: [] }, /lines must have 1 to 1000 items/],
    [{ ...good['order.order.created.v1'], paymentMethod: 'iou' }, /paymentMethod must be one of/],
    [{ ...good['order.order.created.v1'], totalMinor: 1.5 }, /totalMinor must be an integer/],
  ],
  'order.order.status-changed.v1': [
    [{ ...good['order.order.status-changed.v1'], to: 'lost' }, /to must be one of/],
    [{ ...good['order.order.status-changed.v1'], actorRole: 'courier' }, /actorRole must be one of/],
  ],
  'auth.user.registered.v1': [
    [{ ...good['auth.user.registered.v1'], userId: undefined }, /payload\.userId must be a string/],
    [{ ...good['auth.user.registered.v1'], displayName: 7 }, /payload\.displayName must be a string/],
    [{ ...good['auth.user.registered.v1'], registeredAt: 'yesterday' }, /registeredAt must be an ISO/],
  ],
  'auth.user.verified.v1': [[{ userId: '' }, /userId must not be empty/]],
  'auth.user.updated.v1': [
    [{ ...good['auth.user.updated.v1'], verified: 'no' }, /verified must be true or false/],
    [{ ...good['auth.user.updated.v1'], login: null }, /login must be a string, not null/],
  ],
  'auth.user.role-changed.v1': [
    [{ ...good['auth.user.role-changed.v1'], role: 'root' }, /role must be one of/],
    [{ ...good['auth.user.role-changed.v1'], tokenVersion: 1.5 }, /tokenVersion must be an integer/],
  ],
  'auth.user.deleted.v1': [
    [{ userId, reason: 'deleted-by-admin' }, /deletedAt must be an ISO/],
    [{ ...good['auth.user.deleted.v1'], accessTokensExpireBy: 5 }, /accessTokensExpireBy must be an ISO/],
  ],
  'auth.session.revoked.v1': [
    [{ ...good['auth.session.revoked.v1'], sessionIds: [] }, /sessionIds must have 1 to 10000 items/],
    [{ ...good['auth.session.revoked.v1'], sessionIds: ['s1', 2] }, /sessionIds\[1\] must be a string/],
    [{ ...good['auth.session.revoked.v1'], reason: 'bored' }, /reason must be one of/],
  ],
  'media.media.uploaded.v1': [
    [
      { ...good['media.media.uploaded.v1'], variants: [{ name: 'x', width: 0, height: 1 }] },
      /variants\[0\]\.width must be an integer of at least 1/,
    ],
    [{ ...good['media.media.uploaded.v1'], variants: 'thumb' }, /variants must be an array/],
    [
      { ...good['media.media.uploaded.v1'], barcodes: ['40063813339x1'] },
      /barcodes\[0\] must be 8 to 13 digits/,
    ],
    [{ ...good['media.media.uploaded.v1'], barcodes: '4006381333931' }, /barcodes must be an array/],
  ],
  'media.media.deleted.v1': [
    [{ ...good['media.media.deleted.v1'], reason: 'lost' }, /reason must be one of/],
  ],
  'catalog.item.created.v1': [
    [{ ...good['catalog.item.created.v1'], kind: 'car' }, /kind must be one of/],
    [
      { ...good['catalog.item.created.v1'], facts: { countryCode: 'ETH' } },
      /facts\.countryCode must be at most 2/,
    ],
    [{ ...good['catalog.item.created.v1'], facts: { mechanism: 2416 } }, /facts\.mechanism must be a string/],
  ],
  'catalog.item.updated.v1': [
    [{ ...good['catalog.item.updated.v1'], version: '7' }, /version must be an integer/],
    [
      { ...good['catalog.item.updated.v1'], offer: { ...offer, status: 'gone' } },
      /offer\.status must be one of active, inactive, sold/,
    ],
    [
      { ...good['catalog.item.updated.v1'], offer: { ...offer, price: 250 } },
      /offer\.price must be a decimal/,
    ],
    [
      { ...good['catalog.item.updated.v1'], offer: { ...offer, stock: -1 } },
      /offer\.stock must be an integer/,
    ],
    [{ ...good['catalog.item.updated.v1'], offer: null }, /offer must be an object/],
    [{ ...good['catalog.item.updated.v1'], heldForOrderId: 7 }, /heldForOrderId must be a string/],
  ],
  'catalog.item.deleted.v1': [
    [{ ...good['catalog.item.deleted.v1'], itemId: null }, /itemId must be a string/],
  ],
  'catalog.price.changed.v1': [
    [{ ...good['catalog.price.changed.v1'], price: 250 }, /price must be a decimal/],
    [{ ...good['catalog.price.changed.v1'], kind: 'coffee' }, /kind must be one of product, listing/],
    [{ ...good['catalog.price.changed.v1'], previousPrice: 'free' }, /previousPrice must be a decimal/],
  ],
  'catalog.media.attached.v1': [
    [{ ...good['catalog.media.attached.v1'], side: 'top' }, /side must be one of/],
  ],
  'catalog.draft.approved.v1': [
    [{ ...good['catalog.draft.approved.v1'], decision: 'maybe' }, /decision must be one of/],
  ],
  'catalog.draft.rejected.v1': [
    [{ ...good['catalog.draft.rejected.v1'], message: 1 }, /message must be a string/],
  ],
  'catalog.review.saved.v1': [
    [{ ...good['catalog.review.saved.v1'], rating: 6 }, /rating must be an integer from 1 to 5/],
    [{ ...good['catalog.review.saved.v1'], rating: 0 }, /rating must be an integer from 1 to 5/],
    [
      { ...good['catalog.review.saved.v1'], verifiedPurchase: 'yes' },
      /verifiedPurchase must be true or false/,
    ],
  ],
  'catalog.review.deleted.v1': [
    [{ ...good['catalog.review.deleted.v1'], sellerId: null }, /sellerId must be a string/],
  ],
  'social.follow.created.v1': [
    [{ followerId: userId, followeeId: 7, followedAt: at }, /followeeId must be a string/],
  ],
  'social.follow.requested.v1': [[{ followerId: userId, followeeId: 'u2' }, /requestedAt must be an ISO/]],
  'social.follow.deleted.v1': [
    [{ ...good['social.follow.deleted.v1'], reason: 'bored' }, /reason must be one of/],
  ],
  'social.block.created.v1': [
    [{ blockerId: '', blockedId: 'u2', blockedAt: at }, /blockerId must not be empty/],
  ],
  'social.block.deleted.v1': [
    [{ blockerId: userId, blockedId: 'u2', unblockedAt: 'now' }, /unblockedAt must be an ISO/],
  ],
  'social.post.created.v1': [
    [{ ...good['social.post.created.v1'], visibility: 'secret' }, /visibility must be one of/],
    [{ ...good['social.post.created.v1'], mediaIds: 'm1' }, /mediaIds must be an array/],
    [{ ...good['social.post.created.v1'], item: { kind: 'coffee' } }, /item\.id must be a string/],
  ],
  'social.post.updated.v1': [[{ ...good['social.post.updated.v1'], version: 0 }, /version must be/]],
  'social.post.deleted.v1': [[{ postId: 'p1', deletedAt: at }, /authorId must be a string/]],
  'social.post.liked.v1': [
    [{ ...good['social.post.liked.v1'], userId: null }, /userId must be a string, not null/],
  ],
  'social.post.unliked.v1': [
    [{ ...good['social.post.unliked.v1'], unlikedAt: 1 }, /unlikedAt must be an ISO/],
  ],
  'social.comment.created.v1': [
    [{ ...good['social.comment.created.v1'], parentId: 5 }, /parentId must be a string/],
  ],
  'social.chat.message.sent.v1': [
    [{ ...good['social.chat.message.sent.v1'], chatKind: 'group' }, /chatKind must be one of/],
    [{ ...good['social.chat.message.sent.v1'], recipientIds: 'u2' }, /recipientIds must be/],
  ],
  'social.chat.message.changed.v1': [
    [{ ...good['social.chat.message.changed.v1'], deleted: 'yes' }, /deleted must be/],
    [{ ...good['social.chat.message.changed.v1'], version: 0 }, /version must be/],
  ],
  'order.seller-application.submitted.v1': [
    [{ ...good['order.seller-application.submitted.v1'], shopName: '' }, /shopName must not be empty/],
    [{ ...good['order.seller-application.submitted.v1'], submittedAt: 'today' }, /submittedAt must be/],
  ],
  'order.seller-application.approved.v1': [
    [{ ...good['order.seller-application.approved.v1'], decision: 'rejected' }, /decision must be one of/],
    [{ ...good['order.seller-application.approved.v1'], reviewerId: null }, /reviewerId must be/],
  ],
  'order.seller-application.rejected.v1': [
    [{ ...good['order.seller-application.rejected.v1'], decision: 'approved' }, /decision must be one of/],
    [{ ...good['order.seller-application.rejected.v1'], message: 42 }, /message must be/],
  ],
  'order.seller-report.resolved.v1': [
    [{ ...good['order.seller-report.resolved.v1'], action: 'ban' }, /action must be one of/],
    [{ ...good['order.seller-report.resolved.v1'], reason: 'rude' }, /reason must be one of/],
  ],
  'catalog.checkin.created.v1': [
    [
      { ...good['catalog.checkin.created.v1'], ratingQuarters: 21 },
      /ratingQuarters must be an integer from 1 to 20/,
    ],
    [
      { ...good['catalog.checkin.created.v1'], itemKind: 'mechanism' },
      /itemKind must be one of coffee, watch/,
    ],
    [
      { ...good['catalog.checkin.created.v1'], itemRating: { count: 1, sumQuarters: 17, distribution: [1] } },
      /itemRating\.distribution must have 10 to 10 items/,
    ],
  ],
  'catalog.checkin.updated.v1': [
    [{ ...good['catalog.checkin.updated.v1'], ratingQuarters: 4.5 }, /ratingQuarters must be an integer/],
    [{ ...good['catalog.checkin.updated.v1'], counted: 'yes' }, /counted must be true or false/],
  ],
  'catalog.checkin.deleted.v1': [
    [{ ...good['catalog.checkin.deleted.v1'], itemRating: null }, /itemRating must be an object/],
    [{ ...good['catalog.checkin.deleted.v1'], deletedBy: '' }, /deletedBy must not be empty/],
  ],
  'catalog.like.added.v1': [
    [
      { ...good['catalog.like.added.v1'], targetKind: 'review' },
      /targetKind must be one of checkin, comment/,
    ],
    [{ ...good['catalog.like.added.v1'], likeCount: -1 }, /likeCount must be an integer/],
  ],
  'catalog.like.removed.v1': [
    [{ ...good['catalog.like.removed.v1'], ownerId: '' }, /ownerId must not be empty/],
    [{ ...good['catalog.like.removed.v1'], changedAt: 'now' }, /changedAt must be/],
  ],
};

describe('topic payload schemas', () => {
  it('cover every topic', () => {
    expect(Object.keys(TOPIC_SCHEMAS).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it.each(ALL_TOPICS)('%s accepts a payload as its producer writes it', (topic) => {
    expect(payloadProblems(topic, good[topic])).toEqual([]);
  });

  it.each(ALL_TOPICS)('%s accepts fields a newer producer adds', (topic) => {
    expect(payloadProblems(topic, { ...good[topic], addedLater: 1 })).toEqual([]);
  });

  it.each(ALL_TOPICS.flatMap((topic) => bad[topic].map(([payload, problem]) => [topic, payload, problem])))(
    '%s refuses %j',
    (topic, payload, problem) => {
      expect(payloadProblems(topic as Topic, payload).join('; ')).toMatch(problem as RegExp);
    },
  );

  it.each([null, 'text', [], 42])('refuses %j as any payload', (payload) => {
    for (const topic of ALL_TOPICS) {
      expect(payloadProblems(topic, payload)).toEqual([expect.stringMatching(/^payload must be an object/)]);
    }
  });

  it('refuses a topic it does not know', () => {
    expect(payloadProblems('auth.user.renamed.v9', {})).toEqual([
      'auth.user.renamed.v9 is not a known topic',
    ]);
  });

  it('accepts an optional field left out, and a user update from before it carried the verified flag', () => {
    const { verified: _verified, ...withoutVerified } = good['auth.user.updated.v1'];
    expect(payloadProblems('auth.user.updated.v1', withoutVerified)).toEqual([]);
    const { displayName: _name, avatarUrl: _avatar, ...plain } = good['auth.user.registered.v1'];
    expect(payloadProblems('auth.user.registered.v1', plain)).toEqual([]);
  });
});
