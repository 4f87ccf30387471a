import { newId, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentEventEntity } from './payment-event.entity.js';
import { PaymentEntity } from './payment.entity.js';

export interface NewPayment {
  readonly orderId: string;
  readonly buyerId: string;
  readonly provider: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly paymentMethodId: string | null;
  readonly cardBrand: string;
  readonly cardLast4: string;
}

/** The only code that touches payments and the provider events applied to them. */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Starts an attempt (`pending`) unless the order has one that has not failed: then null. Two attempts at
   * once meet on the partial unique index; the second waits for the first to commit and gets null.
   */
  async start(tx: Tx, payment: NewPayment): Promise<PaymentEntity | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO "orders"."payments"
         ("id", "order_id", "buyer_id", "provider", "status", "amount_minor", "currency", "payment_method_id",
          "card_brand", "card_last4")
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9)
       ON CONFLICT ("order_id") WHERE "status" <> 'failed' DO NOTHING
       RETURNING "id"`,
      [
        newId(),
        payment.orderId,
        payment.buyerId,
        payment.provider,
        payment.amountMinor,
        payment.currency,
        payment.paymentMethodId,
        payment.cardBrand,
        payment.cardLast4,
      ],
    );
    return rows.length > 0 ? tx.findOneByOrFail(PaymentEntity, { id: rows[0].id }) : null;
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<PaymentEntity | null> {
    return tx.findOneBy(PaymentEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<PaymentEntity | null> {
    return tx.findOne(PaymentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The order's attempt that has not failed, locked; null when every attempt failed (or none was made). */
  async lockLive(tx: Tx, orderId: string): Promise<PaymentEntity | null> {
    const rows = await tx.query<{ id: string }[]>(
      `SELECT "id" FROM "orders"."payments" WHERE "order_id" = $1 AND "status" <> 'failed' FOR UPDATE`,
      [orderId],
    );
    return rows.length > 0 ? tx.findOneByOrFail(PaymentEntity, { id: rows[0].id }) : null;
  }

  save(tx: Tx, payment: PaymentEntity): Promise<PaymentEntity> {
    return tx.save(PaymentEntity, payment);
  }

  /** The order's attempts, oldest first. */
  ofOrder(orderId: string, tx: Tx = this.dataSource.manager): Promise<PaymentEntity[]> {
    return tx.find(PaymentEntity, { where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Records the provider event as applied: true the first time; false for a redelivery or replay. Copies
   * inserted at once wait on the key for the first to commit, then find it.
   */
  async recordEvent(tx: Tx, event: Omit<PaymentEventEntity, 'receivedAt'>): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO "orders"."payment_events" ("provider", "event_id", "type", "payment_id")
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING "event_id"`,
      [event.provider, event.eventId, event.type, event.paymentId],
    );
    return rows.length > 0;
  }

  /** Captured payments of cancelled orders whose refund was never asked for (oldest first). */
  async owingRefund(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT "payment"."id" FROM "orders"."payments" "payment"
         JOIN "orders"."orders" "order" ON "order"."id" = "payment"."order_id"
        WHERE "payment"."status" = 'captured' AND "payment"."refund_requested_at" IS NULL
          AND "order"."status" = 'cancelled'
        ORDER BY "payment"."created_at" LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }
}
