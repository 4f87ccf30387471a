import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code social-service answers with, and its status: the one place they are defined. */
export const SOCIAL_ERRORS = {
  PROFILE_NOT_FOUND: { status: 404, description: 'no public profile for this user' },
  PROFILE_REQUIRED: {
    status: 403,
    description: "the caller's account has no public profile yet (verify it first)",
  },
  CANNOT_FOLLOW_SELF: { status: 422, description: 'a user cannot follow, block or mute themselves' },
  BLOCKED: { status: 403, description: 'one of the two users blocked the other' },
  PRIVATE_ACCOUNT: { status: 403, description: "a private account's content is for its followers only" },
  FOLLOW_REQUEST_NOT_FOUND: { status: 404, description: 'no pending follow request from this user' },
  POST_NOT_FOUND: { status: 404, description: 'no post with this id that the caller may see' },
  NOT_YOUR_POST: { status: 403, description: 'only its author (or a moderator) changes a post' },
  TEXT_TOO_LONG: { status: 422, description: 'the text is longer than its limit after sanitizing' },
  EMPTY_POST: { status: 422, description: 'a post needs text or at least one photo' },
  MEDIA_NOT_FOUND: { status: 422, description: 'no uploaded media with this id' },
  NOT_YOUR_MEDIA: { status: 403, description: 'only its owner puts a media on a post or avatar' },
  ITEM_NOT_FOUND: { status: 422, description: 'no catalog item of this kind with this id' },
  COMMENT_NOT_FOUND: { status: 422, description: 'no comment with this id on this post' },
  COMMENT_TOO_DEEP: { status: 422, description: 'comments are answered one level deep only' },
  CANNOT_MESSAGE_SELF: { status: 422, description: 'a direct chat is between two different users' },
  MESSAGES_NOT_ACCEPTED: {
    status: 403,
    description: "the recipient's privacy setting does not take direct messages from the caller",
  },
  CHAT_NOT_FOUND: { status: 404, description: 'no chat with this id that the caller may enter' },
  MESSAGE_NOT_FOUND: { status: 404, description: 'no message with this id in this chat' },
  NOT_YOUR_MESSAGE: { status: 403, description: 'only its author (or staff in a room) changes a message' },
  EMPTY_MESSAGE: { status: 422, description: 'a message needs text' },
  SUPPORT_ALREADY_ASSIGNED: {
    status: 409,
    description: 'another staff member already took this support chat',
  },
  NOT_SUPPORT_ASSIGNEE: {
    status: 403,
    description: 'only the assigned staff member (or an admin) releases it',
  },
  UNKNOWN_CHANNEL: { status: 400, description: 'a socket asked for a channel that does not exist' },
  SOCKET_ORIGIN_REFUSED: {
    status: 403,
    description: 'a socket handshake brought the session cookie from a page of another origin',
  },
  INVALID_SOCKET_EVENT: { status: 400, description: "a socket event's payload does not fit its schema" },
} as const satisfies ErrorCatalog;

export type SocialErrorCode = keyof typeof SOCIAL_ERRORS;
export const SocialErrorCode = codesOf(SOCIAL_ERRORS);

export class SocialException extends DomainException<SocialErrorCode> {
  constructor(code: SocialErrorCode, detail: string, extras?: ProblemExtras) {
    super(SOCIAL_ERRORS, code, detail, extras);
  }
}

/** The codes a social route can answer with, for its OpenAPI responses. */
export const ApiSocialErrors = (...codes: SocialErrorCode[]) => ApiErrors(SOCIAL_ERRORS, ...codes);
