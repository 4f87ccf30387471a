import { isStaff, type AuthenticatedUser } from '@agora/auth';
import { SocialTopics, type CatalogItemKind } from '@agora/contracts';
import { OutboxWriter, UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { cleanText } from '../posts/post-text.js';
import { RateLimiter } from '@agora/rate-limit';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { SocialConfig } from '../social.config.js';
import type { RealtimeServerEvents } from '../realtime/realtime.events.js';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import type { ChatMessageEntity } from './chat-message.entity.js';
import type { ChatMemberEntity } from './chat-member.entity.js';
import type { ChatEntity } from './chat.entity.js';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import {
  MESSAGE_TEXT_MAX_LENGTH,
  toChatDto,
  toMessageDto,
  type ChatDto,
  type ChatMessageDto,
  type ChatMessagePageDto,
  type ChatPageDto,
  type ReadStateDto,
} from './chats.dto.js';
import { ChatsRepository, type PeerState } from './chats.repository.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const chatNotFound = (chatId: string) =>
  new SocialException(SocialErrorCode.CHAT_NOT_FOUND, `No chat ${chatId} that you may enter`);

const messageNotFound = (messageId: string) =>
  new SocialException(SocialErrorCode.MESSAGE_NOT_FOUND, `No message ${messageId} in this chat`);

const profileRequired = () =>
  new SocialException(
    SocialErrorCode.PROFILE_REQUIRED,
    'Your account has no public profile yet: verify it first',
  );

/** Whether the recipient's privacy setting takes direct messages from the sender. */
export function acceptsMessages(peer: PeerState): boolean {
  switch (peer.messagesFrom) {
    case 'everyone':
      return true;
    case 'following':
      return peer.recipientFollows;
    case 'mutuals':
      return peer.recipientFollows && peer.senderFollows;
    case 'nobody':
      return false;
  }
}

/** The message text as stored: sanitized like posts, not empty, at most MESSAGE_TEXT_MAX_LENGTH. */
export function messageText(text: string): string {
  const clean = cleanText(text, MESSAGE_TEXT_MAX_LENGTH, 'text');
  if (!clean) {
    throw new SocialException(SocialErrorCode.EMPTY_MESSAGE, 'A message needs text', {
      errors: [{ field: 'text', messages: ['must not be empty'] }],
    });
  }
  return clean;
}

/** A chat the user may enter, with its members' ids. */
interface Entered {
  readonly chat: ChatEntity;
  readonly memberIds: string[];
}

/** Who gets a chat's pushes by their user rooms (direct and support chats); rooms reach only joined sockets. */
const pushedToMembers = (chat: ChatEntity): boolean => chat.kind !== 'item';

/**
 * Chats: direct messages under the recipient's privacy and blocks, item discussion rooms, support rooms
 * with a staff queue. Every message is stored (with its outbox event) before it is pushed over the socket.
 */
@Injectable()
export class ChatsService {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly messages: ChatMessagesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly hub: RealtimeHub,
    private readonly limiter: RateLimiter,
    private readonly config: SocialConfig,
  ) {}

  /** The direct chat with `peerId`, opened when there was none (`created`). */
  async openDirect(user: AuthenticatedUser, peerId: string): Promise<{ chat: ChatDto; created: boolean }> {
    if (peerId === user.id) {
      throw new SocialException(SocialErrorCode.CANNOT_MESSAGE_SELF, 'Write to someone else');
    }
    await this.limiter.consume(
      `social.chats.opened:${user.id}`,
      this.config.SOCIAL_CHATS_OPENED_PER_HOUR,
      HOUR_MS,
      {
        detail: 'Too many new chats',
      },
    );
    const opened = await this.unitOfWork.run(async (tx) => {
      if (!(await this.chats.hasProfile(tx, user.id))) {
        throw profileRequired();
      }
      await this.assertMayWrite(tx, user.id, peerId);
      return this.chats.openDirect(tx, user.id, peerId);
    });
    return { chat: await this.describe(opened.chat, user.id), created: opened.created };
  }

  /** The catalog item's discussion room (opened on first use); any signed-in user enters it. */
  async itemDiscussion(user: AuthenticatedUser, kind: CatalogItemKind, itemId: string): Promise<ChatDto> {
    const opened = await this.unitOfWork.run(async (tx) => {
      if (!(await this.chats.itemExists(tx, kind, itemId))) {
        throw new SocialException(SocialErrorCode.ITEM_NOT_FOUND, `No ${kind} ${itemId} in the catalog`);
      }
      return this.chats.openItemRoom(tx, kind, itemId);
    });
    return this.describe(opened.chat, user.id);
  }

  /** The caller's support room, opened when there was none; staff answer it from the queue. */
  async openSupport(user: AuthenticatedUser): Promise<{ chat: ChatDto; created: boolean }> {
    const opened = await this.unitOfWork.run((tx) => this.chats.openSupport(tx, user.id));
    return { chat: await this.describe(opened.chat, user.id), created: opened.created };
  }

  /** The caller's chats, each with the caller's read state and, for direct and support chats, the members. */
  async list(user: AuthenticatedUser, query: ParsedListQuery): Promise<ChatPageDto> {
    const page = await this.chats.listForUser(user.id, query);
    const members = new Map<string, ChatMemberEntity[]>();
    const withMembers = page.items.filter((membership) => pushedToMembers(membership.chat));
    for (const member of await this.chats.membersOf(withMembers.map((membership) => membership.chatId))) {
      members.set(member.chatId, [...(members.get(member.chatId) ?? []), member]);
    }
    return mapPage(page, (membership) =>
      toChatDto(
        membership.chat,
        membership,
        pushedToMembers(membership.chat) ? (members.get(membership.chatId) ?? []) : undefined,
      ),
    );
  }

  async get(user: AuthenticatedUser, chatId: string): Promise<ChatDto> {
    const { chat } = await this.enter(user, chatId);
    return this.describe(chat, user.id);
  }

  async history(
    user: AuthenticatedUser,
    chatId: string,
    query: ParsedListQuery,
  ): Promise<ChatMessagePageDto> {
    await this.enter(user, chatId);
    return mapPage(await this.messages.history(chatId, user.id, query), toMessageDto);
  }

  /** Stores the message with its event, then pushes `chat.message` to the chat. */
  async send(user: AuthenticatedUser, chatId: string, text: string): Promise<ChatMessageDto> {
    const clean = messageText(text);
    await this.limiter.consume(
      `social.chat.messages:${user.id}`,
      this.config.SOCIAL_MESSAGES_PER_MINUTE,
      MINUTE_MS,
      {
        detail: 'Too many messages',
      },
    );
    const sent = await this.unitOfWork.run(async (tx) => {
      const { chat, memberIds } = await this.enter(user, chatId, tx);
      const writer = await this.chats.writerState(
        tx,
        user.id,
        chat.kind === 'item' ? { kind: chat.itemKind!, id: chat.itemId! } : null,
      );
      if (chat.kind !== 'support' && !writer.hasProfile) {
        throw profileRequired();
      }
      await this.assertMayWriteIn(tx, chat, user.id, memberIds);
      if (!writer.itemExists) {
        throw new SocialException(
          SocialErrorCode.ITEM_NOT_FOUND,
          'The item of this room is no longer in the catalog',
        );
      }
      if (chat.kind === 'support' && chat.customerId !== user.id && !chat.assigneeId) {
        // Staff who answer a waiting room take it, unless another took it meanwhile (checked under its lock).
        const locked = await this.lockSupport(tx, chatId);
        if (!locked.assigneeId) {
          await this.chats.assign(tx, chat.id, user.id);
        }
        chat.assigneeId = locked.assigneeId ?? user.id;
      }
      if (!memberIds.includes(user.id)) {
        await this.chats.addMember(tx, chat, user.id);
        memberIds.push(user.id);
      }
      const message = await this.messages.add(tx, chatId, user.id, clean);
      await this.chats.recordMessage(tx, chatId, user.id, message.id, message.createdAt);
      const recipientIds = pushedToMembers(chat) ? memberIds.filter((id) => id !== user.id) : [];
      await this.outbox.add(tx, SocialTopics.ChatMessageSent, chatId, {
        messageId: message.id,
        chatId,
        chatKind: chat.kind,
        authorId: user.id,
        recipientIds,
        sentAt: message.createdAt.toISOString(),
      });
      return { chat, message, memberIds, except: writer.blockedEitherWay };
    });
    const dto = toMessageDto(sent.message);
    this.push(sent.chat, sent.memberIds, sent.except, 'chat.message', dto);
    return dto;
  }

  /** The author edits the message at the version `expected` names. */
  async edit(
    user: AuthenticatedUser,
    chatId: string,
    messageId: string,
    text: string,
    expected: ExpectedVersions,
  ): Promise<ChatMessageDto> {
    const clean = messageText(text);
    const changed = await this.unitOfWork.run(async (tx) => {
      const { chat, memberIds } = await this.enter(user, chatId, tx);
      const message = await this.messages.lock(tx, chatId, messageId);
      if (!message || message.deletedAt) {
        throw messageNotFound(messageId);
      }
      if (message.authorId !== user.id) {
        throw new SocialException(SocialErrorCode.NOT_YOUR_MESSAGE, 'Only its author edits a message');
      }
      assertVersionMatches(expected, message.version);
      // An edit says something new: the recipient's blocks and privacy apply as to a new message.
      await this.assertMayWriteIn(tx, chat, user.id, memberIds);
      const edited = await this.messages.edit(tx, message, clean);
      await this.changed(tx, edited);
      return { chat, message: edited, memberIds, except: await this.chats.blockedEitherWay(tx, user.id) };
    });
    const dto = toMessageDto(changed.message);
    this.push(changed.chat, changed.memberIds, changed.except, 'chat.message.updated', dto);
    return dto;
  }

  /** The author, or staff in an item or support room, deletes the message (again: nothing happens). */
  async remove(
    user: AuthenticatedUser,
    chatId: string,
    messageId: string,
    expected: ExpectedVersions,
  ): Promise<void> {
    const removed = await this.unitOfWork.run(async (tx) => {
      const { chat, memberIds } = await this.enter(user, chatId, tx);
      const message = await this.messages.lock(tx, chatId, messageId);
      if (!message) {
        throw messageNotFound(messageId);
      }
      const moderates = chat.kind !== 'direct' && isStaff(user);
      if (message.authorId !== user.id && !moderates) {
        throw new SocialException(SocialErrorCode.NOT_YOUR_MESSAGE, 'Only its author deletes a message');
      }
      if (message.deletedAt) {
        return null;
      }
      assertVersionMatches(expected, message.version);
      const deleted = await this.messages.remove(tx, message);
      await this.messages.forgetUnread(tx, message);
      await this.changed(tx, deleted);
      return {
        chat,
        message: deleted,
        memberIds,
        except: await this.chats.blockedEitherWay(tx, message.authorId),
      };
    });
    if (removed) {
      this.push(
        removed.chat,
        removed.memberIds,
        removed.except,
        'chat.message.deleted',
        toMessageDto(removed.message),
      );
    }
  }

  /** Moves the caller's read position up to the message (never back); the chat hears `chat.read`. */
  async markRead(user: AuthenticatedUser, chatId: string, messageId: string): Promise<ReadStateDto> {
    const read = await this.unitOfWork.run(async (tx) => {
      const { chat, memberIds } = await this.enter(user, chatId, tx);
      if (!(await this.messages.find(chatId, messageId, tx))) {
        throw messageNotFound(messageId);
      }
      await this.chats.addMember(tx, chat, user.id);
      const state = await this.chats.markRead(tx, chatId, user.id, messageId);
      return {
        chat,
        state: state!,
        // The reader is a member now, whether or not they were.
        memberIds: memberIds.includes(user.id) ? memberIds : [...memberIds, user.id],
        except: await this.chats.blockedEitherWay(tx, user.id),
      };
    });
    this.push(read.chat, read.memberIds, read.except, 'chat.read', {
      chatId,
      userId: user.id,
      lastReadId: read.state.lastReadId,
    });
    return { chatId, lastReadId: read.state.lastReadId, unreadCount: read.state.unreadCount };
  }

  /**
   * Tells the chat's joined sockets that the user is typing: not the user's own, not those of users blocked
   * either way, and nothing in a direct chat the recipient no longer takes messages in.
   */
  async typing(user: AuthenticatedUser, chatId: string): Promise<void> {
    const { chat, except } = await this.unitOfWork.run(async (tx) => {
      const { chat, memberIds } = await this.enter(user, chatId, tx);
      await this.assertMayWriteIn(tx, chat, user.id, memberIds);
      return { chat, except: await this.chats.blockedEitherWay(tx, user.id) };
    });
    this.hub.toChat(chat.id, [], [...except, user.id], 'chat.typing', { chatId, userId: user.id });
  }

  /** Staff's support queue. */
  async supportQueue(query: ParsedListQuery): Promise<ChatPageDto> {
    return mapPage(await this.chats.supportQueue(query), (chat) => toChatDto(chat));
  }

  /** The staff member takes the waiting support room; one of many taking it at once wins. */
  async assign(staff: AuthenticatedUser, chatId: string): Promise<ChatDto> {
    const chat = await this.unitOfWork.run(async (tx) => {
      const locked = await this.lockSupport(tx, chatId);
      if (locked.assigneeId && locked.assigneeId !== staff.id) {
        throw new SocialException(
          SocialErrorCode.SUPPORT_ALREADY_ASSIGNED,
          'Another staff member already took this support chat',
        );
      }
      await this.chats.assign(tx, chatId, staff.id);
      await this.chats.addMember(tx, locked, staff.id);
      locked.assigneeId = staff.id;
      return locked;
    });
    return this.announceAssignment(chat, staff.id);
  }

  /** The assignee (or an admin) puts the support room back in the queue. */
  async release(staff: AuthenticatedUser, chatId: string): Promise<ChatDto> {
    const chat = await this.unitOfWork.run(async (tx) => {
      const locked = await this.lockSupport(tx, chatId);
      if (locked.assigneeId && locked.assigneeId !== staff.id && staff.role !== 'admin') {
        throw new SocialException(
          SocialErrorCode.NOT_SUPPORT_ASSIGNEE,
          'Only the staff member who took it (or an admin) releases a support chat',
        );
      }
      await this.chats.assign(tx, chatId, null);
      locked.assigneeId = null;
      return locked;
    });
    return this.announceAssignment(chat, staff.id);
  }

  /** The chat, if the user may enter it: a direct chat's members, a support room's customer and staff, anyone in an item room. */
  async enter(user: AuthenticatedUser, chatId: string, tx?: Tx): Promise<Entered> {
    const chat = await this.chats.find(chatId, tx);
    if (!chat) {
      throw chatNotFound(chatId);
    }
    const memberIds = await this.chats.memberIds(chatId, tx);
    const allowed =
      chat.kind === 'item' ||
      memberIds.includes(user.id) ||
      (chat.kind === 'support' && (chat.customerId === user.id || isStaff(user)));
    if (!allowed) {
      throw chatNotFound(chatId);
    }
    return { chat, memberIds };
  }

  /** In a direct chat, the other member's blocks and privacy setting must let the user write. */
  private async assertMayWriteIn(
    tx: Tx,
    chat: ChatEntity,
    userId: string,
    memberIds: readonly string[],
  ): Promise<void> {
    const peerId = chat.kind === 'direct' ? memberIds.find((id) => id !== userId) : undefined;
    if (peerId) {
      await this.assertMayWrite(tx, userId, peerId);
    }
  }

  private async assertMayWrite(tx: Tx, senderId: string, recipientId: string): Promise<void> {
    const peer = await this.chats.peerState(tx, senderId, recipientId);
    if (!peer.exists) {
      throw new SocialException(SocialErrorCode.PROFILE_NOT_FOUND, `No public profile ${recipientId}`);
    }
    if (peer.blocked) {
      throw new SocialException(SocialErrorCode.BLOCKED, 'One of you blocked the other');
    }
    if (!acceptsMessages(peer)) {
      throw new SocialException(
        SocialErrorCode.MESSAGES_NOT_ACCEPTED,
        `This user takes direct messages from ${peer.messagesFrom === 'nobody' ? 'nobody' : `${peer.messagesFrom} only`}`,
      );
    }
  }

  private async lockSupport(tx: Tx, chatId: string): Promise<ChatEntity> {
    const chat = await this.chats.lock(tx, chatId);
    if (!chat || chat.kind !== 'support') {
      throw chatNotFound(chatId);
    }
    return chat;
  }

  private async announceAssignment(chat: ChatEntity, staffId: string): Promise<ChatDto> {
    const dto = await this.describe(chat, staffId);
    this.hub.toUsers([chat.customerId!, staffId], 'chat.assigned', dto);
    return dto;
  }

  private async changed(tx: Tx, message: ChatMessageEntity): Promise<void> {
    await this.outbox.add(tx, SocialTopics.ChatMessageChanged, message.chatId, {
      messageId: message.id,
      chatId: message.chatId,
      authorId: message.authorId,
      version: message.version,
      deleted: message.deletedAt !== null,
      changedAt: message.updatedAt.toISOString(),
    });
  }

  /** The chat as the user sees it: their read state, and the members' for direct and support chats. */
  private async describe(chat: ChatEntity, userId: string): Promise<ChatDto> {
    const members = await this.chats.members(chat.id);
    const own = members.find((member) => member.userId === userId) ?? null;
    return toChatDto(chat, own, pushedToMembers(chat) ? members : undefined);
  }

  private push<E extends keyof RealtimeServerEvents>(
    chat: ChatEntity,
    memberIds: readonly string[],
    except: readonly string[],
    event: E,
    ...payload: Parameters<RealtimeServerEvents[E]>
  ): void {
    this.hub.toChat(chat.id, pushedToMembers(chat) ? memberIds : [], except, event, ...payload);
  }
}
