import { modifyReturning, newId, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A mail to send: whom, and its rendered subject and plain text. */
export interface OrderMailDraft {
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
}

/** A mail waiting to be sent, as stored. */
export interface PendingOrderMail extends OrderMailDraft {
  readonly id: string;
  readonly eventId: string;
  readonly attempts: number;
}

interface OrderMailRow {
  id: string;
  event_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

const toPending = (row: OrderMailRow): PendingOrderMail => ({
  id: row.id,
  eventId: row.event_id,
  recipient: row.recipient,
  subject: row.subject,
  body: row.body,
  attempts: row.attempts,
});

/** The longest SMTP error kept with a mail that was refused. */
const ERROR_MAX = 1000;

/** The only code that touches auth's order mails still to send. */
@Injectable()
export class OrderMailsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues the event's mails (one per recipient) in the transaction that applies the event. */
  async add(tx: Tx, eventId: string, drafts: readonly OrderMailDraft[]): Promise<void> {
    for (const draft of drafts) {
      await tx.query(
        `INSERT INTO "auth"."order_mails" ("id", "event_id", "recipient", "subject", "body")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("event_id", "recipient") DO NOTHING`,
        [newId(), eventId, draft.recipient, draft.subject, draft.body],
      );
    }
  }

  /** The ids of the event's mails still to send (by the event-recipient index). */
  async pendingIds(eventId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT "id" FROM "auth"."order_mails" WHERE "event_id" = $1 ORDER BY "recipient"`,
      [eventId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Takes the mail off the queue (its send is recorded when this commits); null when another delivery of the
   * same event took it first. A row another transaction is taking is skipped, not waited for.
   */
  async take(tx: Tx, id: string): Promise<PendingOrderMail | null> {
    const [row] = await modifyReturning<OrderMailRow>(
      tx,
      `DELETE FROM "auth"."order_mails"
        WHERE "id" = (SELECT "id" FROM "auth"."order_mails" WHERE "id" = $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [id],
    );
    return row ? toPending(row) : null;
  }

  /** Puts a mail SMTP refused back on the queue, one attempt more, with the error. */
  async putBack(tx: Tx, mail: PendingOrderMail, error: string): Promise<void> {
    await tx.query(
      `INSERT INTO "auth"."order_mails" ("id", "event_id", "recipient", "subject", "body", "attempts", "last_error")
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        mail.id,
        mail.eventId,
        mail.recipient,
        mail.subject,
        mail.body,
        mail.attempts + 1,
        error.slice(0, ERROR_MAX),
      ],
    );
  }
}
