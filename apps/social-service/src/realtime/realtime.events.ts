import type { AuthenticatedUser, Role } from '@agora/auth';
import type { ChatDto, ChatMessageDto, ReadStateDto } from '../chats/chats.dto.js';
import type { NotificationDto } from '../notifications/notifications.dto.js';
import type { ProfileDto } from '../profiles/profiles.dto.js';
import { SocialErrorCode } from '../social.errors.js';

/**
 * The socket protocol at `/ws` (Socket.IO), documented in the README: what clients send (each with an
 * acknowledgement), what the server pushes, and the codes an acknowledgement fails with.
 */

/** Channels a client may subscribe to with `subscribe`, and what each pushes. */
export const REALTIME_CHANNELS = ['profiles'] as const;
export type RealtimeChannel = (typeof REALTIME_CHANNELS)[number];

/** Every acknowledgement: `ok: true` with the event's result, or the problem's code, status and detail. */
export type Ack<T extends object = object> =
  | ({ readonly ok: true } & T)
  | { readonly ok: false; readonly code: string; readonly status: number; readonly detail: string };

export interface ChatRef {
  readonly chatId: string;
}

/** Client → server events and the acknowledgement each gets. */
export interface RealtimeClientEvents {
  subscribe: (
    body: { channel: RealtimeChannel },
    ack: (reply: Ack<{ channel: RealtimeChannel }>) => void,
  ) => void;
  /** Receive a chat's messages, typing and receipts (an item room needs it; direct and support chats come anyway). */
  'chat.join': (body: ChatRef, ack: (reply: Ack<{ chat: ChatDto }>) => void) => void;
  'chat.leave': (body: ChatRef, ack: (reply: Ack) => void) => void;
  /** Stores the message, then delivers it as `chat.message` to the chat. */
  'chat.send': (
    body: ChatRef & { text: string },
    ack: (reply: Ack<{ message: ChatMessageDto }>) => void,
  ) => void;
  /** Tells the chat's other joined clients that the user is typing (send it every few seconds while typing). */
  'chat.typing': (body: ChatRef, ack?: (reply: Ack) => void) => void;
  /** Moves the read position; the chat gets `chat.read`. */
  'chat.read': (
    body: ChatRef & { messageId: string },
    ack: (reply: Ack<{ read: ReadStateDto }>) => void,
  ) => void;
}

/** Server → client events, by name. */
export interface RealtimeServerEvents {
  'profile.created': (profile: ProfileDto) => void;
  'chat.message': (message: ChatMessageDto) => void;
  'chat.message.updated': (message: ChatMessageDto) => void;
  'chat.message.deleted': (message: ChatMessageDto) => void;
  'chat.typing': (typing: { chatId: string; userId: string }) => void;
  'chat.read': (read: { chatId: string; userId: string; lastReadId: string }) => void;
  /** A support room was taken or released (to the customer and staff). */
  'chat.assigned': (chat: ChatDto) => void;
  notification: (notification: NotificationDto) => void;
  /** The user's unread notifications after a change (a new one, mark-as-read on another device). */
  'notifications.unread': (unread: { count: number }) => void;
  /** Sent just before the server disconnects a socket whose session ended or token expired. */
  'session.ended': (reason: { code: string; detail: string }) => void;
}

/** What the handshake leaves on `socket.data`. */
export interface RealtimeSocketData {
  userId: string;
  role: string;
  sessionId: string;
  tokenVersion: number;
  /** Epoch milliseconds; the socket is disconnected then. */
  expiresAt: number;
  /** When the socket last passed on a typing signal, by chat (typing is throttled per socket). */
  typedAt?: Record<string, number>;
}

/** The codes of social's catalog that socket acknowledgements carry beyond what REST routes document. */
export const SOCKET_ERROR_CODES = [
  SocialErrorCode.UNKNOWN_CHANNEL,
  SocialErrorCode.INVALID_SOCKET_EVENT,
  SocialErrorCode.SOCKET_ORIGIN_REFUSED,
] as const;

export function isRealtimeChannel(value: unknown): value is RealtimeChannel {
  return typeof value === 'string' && (REALTIME_CHANNELS as readonly string[]).includes(value);
}

/** The user a socket was authenticated as at its handshake. */
export function userOfSocket(data: RealtimeSocketData): AuthenticatedUser {
  return {
    id: data.userId,
    role: data.role as Role,
    sessionId: data.sessionId,
    tokenVersion: data.tokenVersion,
    expiresAt: data.expiresAt,
  };
}

/** Room names: a user's sockets (all devices) and a chat's joined sockets. */
export const userRoom = (userId: string): string => `user:${userId}`;
export const chatRoom = (chatId: string): string => `chat:${chatId}`;
