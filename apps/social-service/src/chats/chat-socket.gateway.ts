import type { AuthenticatedUser } from '@agora/auth';
import { REALTIME_PATH } from '@agora/contracts';
import { isStorableText } from '@agora/http';
import { LOGGER } from '@agora/logging';
import { Inject } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { chatRoom, userOfSocket, type Ack, type RealtimeSocketData } from '../realtime/realtime.events.js';
import { socketFailure, type SocketFailure } from '../realtime/socket-failure.js';
import { SocialErrorCode } from '../social.errors.js';
import type { ChatDto, ChatMessageDto, ReadStateDto } from './chats.dto.js';
import { ChatsService } from './chats.service.js';

/** The least time between two typing signals of one socket in one chat that are passed on. */
const TYPING_EVERY_MS = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The payload's string fields named in `fields`, or null when one is missing or of another type. */
function fieldsOf<K extends string>(
  body: unknown,
  uuids: readonly K[],
  texts: readonly K[] = [],
): Record<K, string> | null {
  if (typeof body !== 'object' || body === null) {
    return null;
  }
  const record = body as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const key of uuids) {
    const value = record[key];
    if (typeof value !== 'string' || !UUID.test(value)) {
      return null;
    }
    out[key] = value;
  }
  for (const key of texts) {
    const value = record[key];
    // As over REST: PostgreSQL stores no NUL, and a lone surrogate is no character.
    if (typeof value !== 'string' || value.length > 20_000 || !isStorableText(value)) {
      return null;
    }
    out[key] = value;
  }
  return out;
}

const invalid = (detail: string): SocketFailure => ({
  ok: false,
  code: SocialErrorCode.INVALID_SOCKET_EVENT,
  status: 400,
  detail,
});

const userOf = (socket: Socket): AuthenticatedUser => userOfSocket(socket.data as RealtimeSocketData);

/** The chat events of the socket protocol (README: "Socket protocol"); the rules are ChatsService's, as over REST. */
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class ChatSocketGateway {
  constructor(
    private readonly chats: ChatsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @SubscribeMessage('chat.join')
  async join(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ chat: ChatDto }>> {
    const ref = fieldsOf(body, ['chatId']);
    if (!ref) {
      return invalid('chat.join takes {chatId: <uuid>}');
    }
    return this.answer(async () => {
      const chat = await this.chats.get(userOf(socket), ref.chatId);
      await socket.join(chatRoom(ref.chatId));
      return { chat };
    });
  }

  @SubscribeMessage('chat.leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const ref = fieldsOf(body, ['chatId']);
    if (!ref) {
      return invalid('chat.leave takes {chatId: <uuid>}');
    }
    await socket.leave(chatRoom(ref.chatId));
    return { ok: true };
  }

  @SubscribeMessage('chat.send')
  send(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ message: ChatMessageDto }>> {
    const fields = fieldsOf(body, ['chatId'], ['text']);
    if (!fields) {
      return Promise.resolve(
        invalid('chat.send takes {chatId: <uuid>, text: <string without NUL or unpaired surrogates>}'),
      );
    }
    return this.answer(async () => ({
      message: await this.chats.send(userOf(socket), fields.chatId, fields.text),
    }));
  }

  @SubscribeMessage('chat.typing')
  typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    const ref = fieldsOf(body, ['chatId']);
    if (!ref) {
      return Promise.resolve(invalid('chat.typing takes {chatId: <uuid>}'));
    }
    if (!socket.rooms.has(chatRoom(ref.chatId))) {
      return Promise.resolve({
        ok: false,
        code: SocialErrorCode.CHAT_NOT_FOUND,
        status: 404,
        detail: 'Join the chat (chat.join) before typing in it',
      });
    }
    // One typing signal a chat per TYPING_EVERY_MS from a socket is enough; more are acknowledged and dropped.
    const data = socket.data as RealtimeSocketData;
    const now = Date.now();
    data.typedAt ??= {};
    if (now - (data.typedAt[ref.chatId] ?? 0) < TYPING_EVERY_MS) {
      return Promise.resolve({ ok: true });
    }
    data.typedAt[ref.chatId] = now;
    return this.answer(async () => {
      await this.chats.typing(userOf(socket), ref.chatId);
      return {};
    });
  }

  @SubscribeMessage('chat.read')
  read(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ read: ReadStateDto }>> {
    const fields = fieldsOf(body, ['chatId', 'messageId']);
    if (!fields) {
      return Promise.resolve(invalid('chat.read takes {chatId: <uuid>, messageId: <uuid>}'));
    }
    return this.answer(async () => ({
      read: await this.chats.markRead(userOf(socket), fields.chatId, fields.messageId),
    }));
  }

  private async answer<T extends object>(work: () => Promise<T>): Promise<Ack<T>> {
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      return socketFailure(error, this.logger);
    }
  }
}
