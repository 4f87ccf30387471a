import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ChatEntity } from './chat.entity.js';

/**
 * A user in a chat and their read state: both users of a direct chat, the customer and the assigned staff
 * member of a support room, whoever wrote in an item's room. `lastMessageAt` is the chat's, copied on every
 * message, so the caller's chats page by one index; `unreadCount` counts others' messages after `lastReadId`.
 */
@Entity({ name: 'chat_members' })
@Index('chat_members_key', ['chatId', 'userId'], { unique: true })
@Index('chat_members_user_recent_idx', ['userId', 'lastMessageAt', 'id'])
export class ChatMemberEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'chat_id', type: 'uuid' })
  chatId!: string;

  @ManyToOne(() => ChatEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chat_id' })
  chat?: ChatEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The newest message the user has read (ids are time-ordered UUIDv7); null before the first. */
  @Column({ name: 'last_read_id', type: 'uuid', nullable: true })
  lastReadId!: string | null;

  @Column({ name: 'unread_count', type: 'integer', default: 0 })
  unreadCount!: number;

  @Column({ name: 'last_message_at', type: 'timestamptz' })
  lastMessageAt!: Date;

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt!: Date;
}
