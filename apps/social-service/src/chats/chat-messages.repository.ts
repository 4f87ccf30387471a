import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChatMessageEntity } from './chat-message.entity.js';

/** The only code that touches chat messages: writing, editing, deleting and paging a chat's history. */
@Injectable()
export class ChatMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(tx: Tx, chatId: string, authorId: string, text: string): Promise<ChatMessageEntity> {
    const id = newId();
    const [row] = await tx.query<
      { version: number; created_at: Date; updated_at: Date; deleted_at: Date | null }[]
    >(
      `INSERT INTO "social"."chat_messages" ("id", "chat_id", "author_id", "text") VALUES ($1, $2, $3, $4)
       RETURNING "version", "created_at", "updated_at", "deleted_at"`,
      [id, chatId, authorId, text],
    );
    return tx.create(ChatMessageEntity, {
      id,
      chatId,
      authorId,
      text,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    });
  }

  /** The message of this chat, locked until the transaction ends. */
  lock(tx: Tx, chatId: string, messageId: string): Promise<ChatMessageEntity | null> {
    return tx.findOne(ChatMessageEntity, {
      where: { id: messageId, chatId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  find(
    chatId: string,
    messageId: string,
    tx: Tx = this.dataSource.manager,
  ): Promise<ChatMessageEntity | null> {
    return tx.findOneBy(ChatMessageEntity, { id: messageId, chatId });
  }

  async edit(tx: Tx, message: ChatMessageEntity, text: string): Promise<ChatMessageEntity> {
    await tx.update(ChatMessageEntity, { id: message.id }, { text, version: message.version + 1 });
    return tx.findOneByOrFail(ChatMessageEntity, { id: message.id });
  }

  /** Keeps the row (its place in the history and in read positions) without its text. */
  async remove(tx: Tx, message: ChatMessageEntity): Promise<ChatMessageEntity> {
    await tx.update(
      ChatMessageEntity,
      { id: message.id },
      { text: '', deletedAt: new Date(), version: message.version + 1 },
    );
    return tx.findOneByOrFail(ChatMessageEntity, { id: message.id });
  }

  /** One less unread for members who had not read the deleted message yet. */
  async forgetUnread(tx: Tx, message: ChatMessageEntity): Promise<void> {
    await tx.query(
      `UPDATE "social"."chat_members"
          SET "unread_count" = GREATEST("unread_count" - 1, 0)
        WHERE "chat_id" = $1 AND "user_id" <> $2 AND ("last_read_id" IS NULL OR "last_read_id" < $3)`,
      [message.chatId, message.authorId, message.id],
    );
  }

  /**
   * The chat's history as `viewerId` sees it, newest first by default: messages of users blocked either way
   * are left out.
   */
  history(chatId: string, viewerId: string, query: ParsedListQuery): Promise<Page<ChatMessageEntity>> {
    const builder = this.dataSource
      .getRepository(ChatMessageEntity)
      .createQueryBuilder('message')
      .where('message.chatId = :chatId', { chatId })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM "social"."blocks" "message_block"
                      WHERE ("message_block"."blocker_id" = :viewerId AND "message_block"."blocked_id" = "message"."author_id")
                         OR ("message_block"."blocker_id" = "message"."author_id" AND "message_block"."blocked_id" = :viewerId))`,
        { viewerId },
      );
    return findPage(builder, query);
  }
}
