import type { EventEnvelope } from '@agora/contracts';
import { Inbox, UnitOfWork, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { AuthMail } from '../mail/auth-mail.js';
import { orderPlacedText, orderStatusText, type OrderPeople } from '../mail/order-mail-text.js';
import { UsersRepository } from '../users/users.repository.js';
import { OrderMailsRepository, type OrderMailDraft } from './order-mails.repository.js';

/** The inbox consumer name of order-service's order events in auth-service. */
export const ORDER_MAIL_CONSUMER = 'auth.order-mail';

/** Admins mailed about one new order, at most (the role index reads them in id order). */
export const ORDER_MAIL_MAX_ADMINS = 100;

/**
 * Mail about orders from order-service's events (issue 16, seed 001): each admin hears of every new order,
 * a buyer of every move of theirs. The transaction that records the event in the inbox also queues its
 * mails, rendered, one per recipient (`auth.order_mails`); then each queued mail is taken off the queue in a
 * transaction of its own and sent. So a redelivered event queues nothing again and sends only what is still
 * queued; a mail SMTP refuses goes back on the queue and the handler fails, so the bus retries the event
 * (which sends just the refused mails) and finally dead-letters it, the refused mails left queued. A mail
 * failure never reaches order-service. The price: a crash between taking a mail and SMTP accepting it loses
 * that one mail (at most once, never twice).
 */
@Injectable()
export class OrderMailService {
  constructor(
    private readonly users: UsersRepository,
    private readonly mails: OrderMailsRepository,
    private readonly inbox: Inbox,
    private readonly unitOfWork: UnitOfWork,
    private readonly mail: AuthMail,
  ) {}

  async onOrderCreated(event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    const order = event.payload;
    await this.inbox.consumeOnce(ORDER_MAIL_CONSUMER, event, async (tx) => {
      const admins = await this.users.findAdmins(tx, ORDER_MAIL_MAX_ADMINS);
      if (admins.length === 0) {
        return;
      }
      const people: OrderPeople = {
        buyer: await this.loginOf(tx, order.buyerId),
        seller: order.sellerId === null ? null : await this.loginOf(tx, order.sellerId),
      };
      await this.mails.add(
        tx,
        event.id,
        admins.map((admin) => draft(admin.email, orderPlacedText(admin.login, order, people))),
      );
    });
    await this.sendQueued(event.id);
  }

  /** The buyer's order moved; a buyer whose account is gone (or never was) is mailed nothing. */
  async onOrderStatusChanged(event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    const change = event.payload;
    await this.inbox.consumeOnce(ORDER_MAIL_CONSUMER, event, async (tx) => {
      const buyer = await this.users.findById(change.buyerId, tx);
      if (buyer) {
        await this.mails.add(tx, event.id, [draft(buyer.email, orderStatusText(buyer.login, change))]);
      }
    });
    await this.sendQueued(event.id);
  }

  /** Sends the event's queued mails; rejects (for the bus to retry) when SMTP refused one. */
  private async sendQueued(eventId: string): Promise<void> {
    const refused: string[] = [];
    for (const id of await this.mails.pendingIds(eventId)) {
      const mail = await this.unitOfWork.run((tx) => this.mails.take(tx, id));
      if (!mail) {
        continue;
      }
      try {
        await this.mail.deliver({ to: mail.recipient, subject: mail.subject, text: mail.body });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await this.unitOfWork.run((tx) => this.mails.putBack(tx, mail, reason));
        refused.push(reason);
      }
    }
    if (refused.length > 0) {
      throw new Error(`SMTP refused ${refused.length} order mail(s) of event ${eventId}: ${refused[0]}`);
    }
  }

  private async loginOf(tx: Tx, id: string): Promise<string | null> {
    return (await this.users.findById(id, tx))?.login ?? null;
  }
}

const draft = (recipient: string, text: { subject: string; text: string }): OrderMailDraft => ({
  recipient,
  subject: text.subject,
  body: text.text,
});
