import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An order mail still to send: written with the inbox row of the order event that asked for it, deleted in
 * its own transaction just before it goes to SMTP, written back (one attempt more, with the error) when SMTP
 * refuses it. Rows left here belong to events that were dead-lettered after their last attempt.
 */
@Entity({ name: 'order_mails' })
@Index('order_mails_event_recipient_key', ['eventId', 'recipient'], { unique: true })
export class OrderMailEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The order event (`order.order.*.v1`) the mail tells of. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The e-mail address, as auth-service had it when the event was applied. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Sends SMTP refused so far. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
