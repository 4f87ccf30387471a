import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import {
  chatRoom,
  userRoom,
  type RealtimeClientEvents,
  type RealtimeServerEvents,
  type RealtimeSocketData,
} from './realtime.events.js';

type Emitted = keyof RealtimeServerEvents;

/** The `/ws` server, typed by the protocol in realtime.events.ts. */
export type RealtimeServer = Server<
  RealtimeClientEvents,
  RealtimeServerEvents,
  Record<string, never>,
  RealtimeSocketData
>;

/**
 * Pushes to users and chats from services, after their transaction committed. With the Redis adapter
 * (REDIS_URL) a push reaches the sockets of every social-service replica.
 */
@Injectable()
export class RealtimeHub {
  private server?: RealtimeServer;

  /** Set once by the gateway when Socket.IO starts. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  toUsers<E extends Emitted>(
    userIds: readonly string[],
    event: E,
    ...payload: Parameters<RealtimeServerEvents[E]>
  ): void {
    if (!this.server || userIds.length === 0) {
      return;
    }
    this.server.to(userIds.map(userRoom)).emit(event, ...payload);
  }

  /**
   * To the chat's joined sockets and to every device of `memberIds`, each socket once, leaving out the
   * sockets of `exceptUserIds` (users blocked either way with the author).
   */
  toChat<E extends Emitted>(
    chatId: string,
    memberIds: readonly string[],
    exceptUserIds: readonly string[],
    event: E,
    ...payload: Parameters<RealtimeServerEvents[E]>
  ): void {
    if (!this.server) {
      return;
    }
    let target = this.server.to([chatRoom(chatId), ...memberIds.map(userRoom)]);
    if (exceptUserIds.length > 0) {
      target = target.except(exceptUserIds.map(userRoom));
    }
    target.emit(event, ...payload);
  }

  /** Whether the user has a socket on any replica (asks the others through the adapter). */
  async isOnline(userId: string): Promise<boolean> {
    if (!this.server) {
      return false;
    }
    const sockets = await this.server.in(userRoom(userId)).fetchSockets();
    return sockets.length > 0;
  }
}
