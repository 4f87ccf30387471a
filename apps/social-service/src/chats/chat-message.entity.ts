import { VersionedEntity } from '@agora/database';
import { Column, Entity, Index } from 'typeorm';

/**
 * A message, stored before it is delivered. An edit raises `version` (its ETag); a deletion keeps the row
 * (its place in the history and read receipts) with the text gone and `deletedAt` set.
 */
@Entity({ name: 'chat_messages' })
@Index('chat_messages_history_idx', ['chatId', 'createdAt', 'id'])
export class ChatMessageEntity extends VersionedEntity {
  @Column({ name: 'chat_id', type: 'uuid' })
  chatId!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
