import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthMail } from '../mail/auth-mail.js';
import type { OrderPeople } from '../mail/order-mail-text.js';
import { UsersRepository } from '../users/users.repository.js';

/** The inbox consumer name of order-service's order events in auth-service. */
export const ORDER_MAIL_CONSUMER = 'auth.order-mail';

/** Admins mailed about one new order, at most (the role index reads them in id order). */
export const ORDER_MAIL_MAX_ADMINS = 100;

/** Who to mail after the transaction. */
interface Recipient {
  readonly email: string;
  readonly login: string;
}

/**
 * Mail about orders from order-service's events (issue 16, seed 001): each admin hears of every new order,
 * a buyer of every move of theirs. Like the seller mail, each event is applied once through the inbox: the
 * transaction that records the event id also picks the recipients, and the mail goes after it commits. So
 * a redelivered event mails nobody twice; the price is that a crash or an SMTP failure after the commit
 * loses that mail (logged as "mail not sent"), at most once rather than at least once. A failure before
 * the commit (the database) is retried by the bus and dead-lettered, and never reaches the order itself.
 */
@Injectable()
export class OrderMailService {
  constructor(
    private readonly users: UsersRepository,
    private readonly inbox: Inbox,
    private readonly mail: AuthMail,
  ) {}

  async onOrderCreated(event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    const order = event.payload;
    const admins: Recipient[] = [];
    let people: OrderPeople = { buyer: null, seller: null };
    await this.inbox.consumeOnce(ORDER_MAIL_CONSUMER, event, async (manager) => {
      admins.push(...(await this.users.findAdmins(manager, ORDER_MAIL_MAX_ADMINS)));
      people = {
        buyer: await this.loginOf(manager, order.buyerId),
        seller: order.sellerId === null ? null : await this.loginOf(manager, order.sellerId),
      };
    });
    for (const { email, login } of admins) {
      await this.mail.sendOrderPlaced(email, login, order, people);
    }
  }

  /** The buyer's order moved; a buyer whose account is gone (or never was) is mailed nothing. */
  async onOrderStatusChanged(event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    const change = event.payload;
    const buyers: Recipient[] = [];
    await this.inbox.consumeOnce(ORDER_MAIL_CONSUMER, event, async (manager) => {
      const buyer = await this.users.findById(change.buyerId, manager);
      if (buyer) {
        buyers.push(buyer);
      }
    });
    for (const { email, login } of buyers) {
      await this.mail.sendOrderStatusChanged(email, login, change);
    }
  }

  private async loginOf(manager: EntityManager, id: string): Promise<string | null> {
    return (await this.users.findById(id, manager))?.login ?? null;
  }
}
