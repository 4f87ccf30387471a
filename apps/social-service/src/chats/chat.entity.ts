import type { ChatKindV1 } from '@agora/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A direct chat between two users, an item's discussion room, or a customer's support room. */
export type ChatKind = ChatKindV1;

/**
 * A chat. At most one per pair of users (`directKey`, the two ids in order), per catalog item and per support
 * customer: unique indexes make two openings at the same instant one chat. `lastMessageAt` orders the staff's
 * support queue.
 */
@Entity({ name: 'chats' })
@Index('chats_direct_key', ['directKey'], { unique: true, where: `"kind" = 'direct'` })
@Index('chats_item_key', ['itemKind', 'itemId'], { unique: true, where: `"kind" = 'item'` })
@Index('chats_support_key', ['customerId'], { unique: true, where: `"kind" = 'support'` })
@Index('chats_support_queue_idx', ['lastMessageAt', 'id'], { where: `"kind" = 'support'` })
export class ChatEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: ChatKind;

  /** `<smaller user id>:<larger user id>` of a direct chat; null otherwise. */
  @Column({ name: 'direct_key', type: 'text', nullable: true })
  directKey!: string | null;

  @Column({ name: 'item_kind', type: 'text', nullable: true })
  itemKind!: string | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  /** The customer a support room belongs to; null otherwise. */
  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  /** The staff member (moderator or admin) who took the support room; null while it waits in the queue. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
