import { modifyReturning, newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { MessagePrivacy } from '../profiles/profile.entity.js';
import { ChatMemberEntity } from './chat-member.entity.js';
import { ChatEntity } from './chat.entity.js';

/** What decides whether `senderId` may write to `recipientId` in a direct chat, read in one statement. */
export interface PeerState {
  /** The recipient has a public (verified) profile. */
  readonly exists: boolean;
  /** Either blocked the other. */
  readonly blocked: boolean;
  readonly messagesFrom: MessagePrivacy;
  /** The recipient follows the sender (accepted). */
  readonly recipientFollows: boolean;
  /** The sender follows the recipient (accepted). */
  readonly senderFollows: boolean;
}

/** A chat and whether this call opened it. */
export interface OpenedChat {
  readonly chat: ChatEntity;
  readonly created: boolean;
}

/** The caller's membership row with its chat, as `GET /chats` lists them. */
export type MembershipWithChat = ChatMemberEntity & { chat: ChatEntity };

/** What makes a chat one of its kind: the pair of a direct chat, the item of a room, a support room's customer. */
interface ChatKey {
  readonly kind: ChatEntity['kind'];
  readonly directKey?: string;
  readonly itemKind?: string;
  readonly itemId?: string;
  readonly customerId?: string;
}

const directKeyOf = (one: string, other: string): string => [one, other].sort().join(':');

/**
 * The only code that touches chats and their members: opening chats (one per pair, item and customer,
 * however many openings meet), membership and read state, the support queue and its assignment.
 */
@Injectable()
export class ChatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async peerState(tx: Tx, senderId: string, recipientId: string): Promise<PeerState> {
    const [row] = await tx.query<
      {
        exists: boolean;
        blocked: boolean;
        messages_from: MessagePrivacy | null;
        recipient_follows: boolean;
        sender_follows: boolean;
      }[]
    >(
      `SELECT p."id" IS NOT NULL AS exists, p."messages_from",
              EXISTS (SELECT 1 FROM "social"."blocks"
                       WHERE ("blocker_id" = $1 AND "blocked_id" = $2) OR ("blocker_id" = $2 AND "blocked_id" = $1)) AS blocked,
              EXISTS (SELECT 1 FROM "social"."follows"
                       WHERE "follower_id" = $2 AND "followee_id" = $1 AND "status" = 'active') AS recipient_follows,
              EXISTS (SELECT 1 FROM "social"."follows"
                       WHERE "follower_id" = $1 AND "followee_id" = $2 AND "status" = 'active') AS sender_follows
         FROM (SELECT 1) AS one
         LEFT JOIN "social"."profiles" p ON p."id" = $2 AND p."verified"`,
      [senderId, recipientId],
    );
    return {
      exists: row.exists,
      blocked: row.blocked,
      messagesFrom: row.messages_from ?? 'everyone',
      recipientFollows: row.recipient_follows,
      senderFollows: row.sender_follows,
    };
  }

  /** Whether the user has a public profile (only they open and write in chats). */
  async hasProfile(tx: Tx, userId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "social"."profiles" WHERE "id" = $1 AND "verified"`,
      [userId],
    );
    return rows.length > 0;
  }

  /** Whether social-service knows this catalog item (from catalog's events) and it is not deleted. */
  async itemExists(tx: Tx, kind: string, itemId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM "social"."catalog_items" WHERE "item_id" = $1 AND "kind" = $2 AND NOT "deleted"`,
      [itemId, kind],
    );
    return rows.length > 0;
  }

  /** The direct chat of two users, opened with both as members when there was none. */
  async openDirect(tx: Tx, one: string, other: string): Promise<OpenedChat> {
    const opened = await this.open(tx, { kind: 'direct', directKey: directKeyOf(one, other) });
    if (opened.created) {
      await this.addMember(tx, opened.chat, one);
      await this.addMember(tx, opened.chat, other);
    }
    return opened;
  }

  /** The discussion room of a catalog item, opened when there was none. */
  openItemRoom(tx: Tx, itemKind: string, itemId: string): Promise<OpenedChat> {
    return this.open(tx, { kind: 'item', itemKind, itemId });
  }

  /** The customer's support room, opened (with the customer as its member) when there was none. */
  async openSupport(tx: Tx, customerId: string): Promise<OpenedChat> {
    const opened = await this.open(tx, { kind: 'support', customerId }, { lastMessageAt: new Date() });
    if (opened.created) {
      await this.addMember(tx, opened.chat, customerId);
    }
    return opened;
  }

  find(chatId: string, tx: Tx = this.dataSource.manager): Promise<ChatEntity | null> {
    return tx.findOneBy(ChatEntity, { id: chatId });
  }

  /** The chat, locked until the transaction ends (assignment, membership changes). */
  lock(tx: Tx, chatId: string): Promise<ChatEntity | null> {
    return tx.findOne(ChatEntity, { where: { id: chatId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The members' ids and read positions, for receipts. */
  members(chatId: string): Promise<ChatMemberEntity[]> {
    return this.dataSource
      .getRepository(ChatMemberEntity)
      .find({ where: { chatId }, order: { joinedAt: 'ASC' } });
  }

  /** The members of each of the chats (a page's second query), in joining order. */
  membersOf(chatIds: readonly string[]): Promise<ChatMemberEntity[]> {
    if (chatIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource
      .getRepository(ChatMemberEntity)
      .find({ where: { chatId: In([...chatIds]) }, order: { joinedAt: 'ASC' } });
  }

  memberIds(chatId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    return tx
      .query<{ user_id: string }[]>(`SELECT "user_id" FROM "social"."chat_members" WHERE "chat_id" = $1`, [
        chatId,
      ])
      .then((rows) => rows.map((row) => row.user_id));
  }

  /** Adds the user to the chat (nothing when already in it), at the chat's last activity. */
  async addMember(tx: Tx, chat: ChatEntity, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."chat_members" ("id", "chat_id", "user_id", "last_message_at")
       VALUES ($1, $2, $3, $4) ON CONFLICT ("chat_id", "user_id") DO NOTHING`,
      [newId(), chat.id, userId, chat.lastMessageAt ?? chat.createdAt],
    );
  }

  /**
   * A new message in the chat: its time on the chat and every membership (for the caller's chat list), one
   * more unread for everyone but the author, whose own message counts as read.
   */
  async recordMessage(tx: Tx, chatId: string, authorId: string, messageId: string, at: Date): Promise<void> {
    // One round trip: the chat's update rides in a data-modifying CTE (PostgreSQL runs it whether read or not).
    await tx.query(
      `WITH "chat" AS (UPDATE "social"."chats" SET "last_message_at" = $4 WHERE "id" = $1)
       UPDATE "social"."chat_members"
          SET "last_message_at" = $4,
              "unread_count" = CASE WHEN "user_id" = $2 THEN 0 ELSE "unread_count" + 1 END,
              "last_read_id" = CASE WHEN "user_id" = $2 THEN $3::uuid ELSE "last_read_id" END
        WHERE "chat_id" = $1`,
      [chatId, authorId, messageId, at],
    );
  }

  /**
   * Moves the user's read position up to `messageId` (never back) and counts what others wrote after it.
   * Returns the new position and count, or null when the user is not a member.
   */
  async markRead(
    tx: Tx,
    chatId: string,
    userId: string,
    messageId: string,
  ): Promise<{ lastReadId: string; unreadCount: number } | null> {
    const [row] = await modifyReturning<{ last_read_id: string; unread_count: number }>(
      tx,
      `UPDATE "social"."chat_members" m
          SET "last_read_id" = GREATEST(COALESCE(m."last_read_id", $3::uuid), $3::uuid),
              "unread_count" = (
                SELECT count(*)::int FROM "social"."chat_messages" msg
                 WHERE msg."chat_id" = $1 AND msg."author_id" <> $2 AND msg."deleted_at" IS NULL
                   AND msg."id" > GREATEST(COALESCE(m."last_read_id", $3::uuid), $3::uuid))
        WHERE m."chat_id" = $1 AND m."user_id" = $2
        RETURNING m."last_read_id", m."unread_count"`,
      [chatId, userId, messageId],
    );
    return row ? { lastReadId: row.last_read_id, unreadCount: row.unread_count } : null;
  }

  /** Everyone `userId` blocked or was blocked by: they get none of the user's room messages. */
  /**
   * What sending in a chat checks of its writer, in one round trip: whether they have a public profile,
   * whether the room's catalog item (`item`; none for other chats) is known and not deleted, and the users
   * blocked either way with them (left out of the push).
   */
  async writerState(
    tx: Tx,
    userId: string,
    item: { kind: string; id: string } | null,
  ): Promise<{ hasProfile: boolean; itemExists: boolean; blockedEitherWay: string[] }> {
    const [row] = await tx.query<{ has_profile: boolean; item_exists: boolean; blocked: string[] }[]>(
      `SELECT EXISTS (SELECT 1 FROM "social"."profiles" WHERE "id" = $1 AND "verified") AS "has_profile",
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM "social"."catalog_items"
                                            WHERE "item_id" = $2 AND "kind" = $3 AND NOT "deleted")) AS "item_exists",
              ARRAY(SELECT "blocked_id" FROM "social"."blocks" WHERE "blocker_id" = $1
                    UNION SELECT "blocker_id" FROM "social"."blocks" WHERE "blocked_id" = $1) AS "blocked"`,
      [userId, item?.id ?? null, item?.kind ?? null],
    );
    return { hasProfile: row.has_profile, itemExists: row.item_exists, blockedEitherWay: row.blocked };
  }

  async blockedEitherWay(tx: Tx, userId: string): Promise<string[]> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT "blocked_id" AS id FROM "social"."blocks" WHERE "blocker_id" = $1
       UNION SELECT "blocker_id" FROM "social"."blocks" WHERE "blocked_id" = $1`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  async assign(tx: Tx, chatId: string, assigneeId: string | null): Promise<void> {
    await tx.query(`UPDATE "social"."chats" SET "assignee_id" = $2 WHERE "id" = $1`, [chatId, assigneeId]);
  }

  /** The user's chats, most recent activity first by default, with their read state. */
  listForUser(userId: string, query: ParsedListQuery): Promise<Page<MembershipWithChat>> {
    const builder = this.dataSource
      .getRepository(ChatMemberEntity)
      .createQueryBuilder('member')
      .innerJoinAndSelect('member.chat', 'chat')
      .where('member.userId = :userId', { userId });
    return findPage(builder, query) as Promise<Page<MembershipWithChat>>;
  }

  /** Support rooms for staff, by last activity; `filter[assigneeId][null]=true` gives the unassigned ones. */
  supportQueue(query: ParsedListQuery): Promise<Page<ChatEntity>> {
    const builder = this.dataSource
      .getRepository(ChatEntity)
      .createQueryBuilder('chat')
      .where(`chat.kind = 'support'`);
    return findPage(builder, query);
  }

  /**
   * Inserts the chat unless its unique key (`key`: the kind and its key columns) already has one; either way
   * returns the one chat.
   */
  private async open(tx: Tx, key: ChatKey, extra: Partial<ChatEntity> = {}): Promise<OpenedChat> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(ChatEntity)
      .values({ id: newId(), ...key, ...extra })
      .orIgnore()
      .returning('id')
      .execute();
    return {
      chat: await tx.findOneByOrFail(ChatEntity, key),
      created: (inserted.raw as unknown[]).length > 0,
    };
  }
}
