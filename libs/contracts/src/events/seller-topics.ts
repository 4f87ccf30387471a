import { id, instant, nullable, oneOf, text, type PayloadSchema } from './schema.js';

/**
 * order-service's topics about sellers (seed 003: buyers become sellers, buyers report sellers), registered in
 * `TopicPayloads` (topics.ts). Keys: the application id for application events, the seller's user id for
 * report resolutions (so a seller's suspensions stay in order). auth-service consumes the decisions: it
 * changes the user's role through its own role change (`auth.user.role-changed.v1` follows) and mails them.
 */

/** A user asked for the seller role with their shop's details; an admin decides. */
export interface SellerApplicationSubmittedV1 {
  applicationId: string;
  userId: string;
  shopName: string;
  submittedAt: string;
}

/** An admin's decision on a seller application: `approved` makes the applicant a seller (from `user` only). */
export interface SellerApplicationDecidedV1 {
  applicationId: string;
  userId: string;
  shopName: string;
  decision: 'approved' | 'rejected';
  /** The admin who decided: auth-service names them as the role change's `changedBy`. */
  reviewerId: string;
  /** The admin's message to the applicant. */
  message: string | null;
  decidedAt: string;
}

/** What a moderator did about a report on a seller. */
export const SELLER_REPORT_ACTIONS = ['dismiss', 'warn', 'suspend'] as const;
export type SellerReportAction = (typeof SELLER_REPORT_ACTIONS)[number];

/** Why a buyer reports a seller. */
export const SELLER_REPORT_REASONS = [
  'scam',
  'counterfeit',
  'not-delivered',
  'not-as-described',
  'abusive',
  'other',
] as const;
export type SellerReportReason = (typeof SELLER_REPORT_REASONS)[number];

/**
 * A moderator resolved a report on a seller: `warn` tells the seller, `suspend` also takes the seller role
 * back (to `user`, from `seller` only), `dismiss` changes nothing for the seller.
 */
export interface SellerReportResolvedV1 {
  reportId: string;
  sellerId: string;
  reporterId: string;
  reason: SellerReportReason;
  action: SellerReportAction;
  moderatorId: string;
  /** The moderator's message (to the seller on a warning or suspension). */
  message: string | null;
  resolvedAt: string;
}

export interface SellerTopicPayloads {
  'order.seller-application.submitted.v1': SellerApplicationSubmittedV1;
  'order.seller-application.approved.v1': SellerApplicationDecidedV1;
  'order.seller-application.rejected.v1': SellerApplicationDecidedV1;
  'order.seller-report.resolved.v1': SellerReportResolvedV1;
}

export const SellerTopics = {
  SellerApplicationSubmitted: 'order.seller-application.submitted.v1',
  SellerApplicationApproved: 'order.seller-application.approved.v1',
  SellerApplicationRejected: 'order.seller-application.rejected.v1',
  SellerReportResolved: 'order.seller-report.resolved.v1',
} as const satisfies Record<string, keyof SellerTopicPayloads>;

const message = () => nullable(text({ nonEmpty: false, max: 2000 }));
const shopName = () => text({ max: 200 });

const decided = (decision: 'approved' | 'rejected'): PayloadSchema<SellerApplicationDecidedV1> => ({
  applicationId: id(),
  userId: id(),
  shopName: shopName(),
  decision: oneOf<SellerApplicationDecidedV1['decision']>([decision]),
  reviewerId: id(),
  message: message(),
  decidedAt: instant(),
});

/** Every seller topic's payload schema, checked on receipt like the others (TOPIC_SCHEMAS in topics.ts). */
export const SELLER_TOPIC_SCHEMAS: {
  readonly [T in keyof SellerTopicPayloads]: PayloadSchema<SellerTopicPayloads[T]>;
} = {
  'order.seller-application.submitted.v1': {
    applicationId: id(),
    userId: id(),
    shopName: shopName(),
    submittedAt: instant(),
  },
  'order.seller-application.approved.v1': decided('approved'),
  'order.seller-application.rejected.v1': decided('rejected'),
  'order.seller-report.resolved.v1': {
    reportId: id(),
    sellerId: id(),
    reporterId: id(),
    reason: oneOf(SELLER_REPORT_REASONS),
    action: oneOf(SELLER_REPORT_ACTIONS),
    moderatorId: id(),
    message: message(),
    resolvedAt: instant(),
  },
};
