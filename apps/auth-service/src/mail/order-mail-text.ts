import {
  formatMinorUnits,
  type OrderActor,
  type OrderCreatedV1,
  type OrderStatus,
  type OrderStatusChangedV1,
} from '@agora/contracts';
import { sanitizeText } from '@agora/http';

/** A mail's subject and plain-text body (no HTML part: nothing a user typed is ever rendered as markup). */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

/** Who an order's ids name, as auth-service knows them; null for an account that no longer exists. */
export interface OrderPeople {
  readonly buyer: string | null;
  readonly seller: string | null;
}

/** An order's state in words, for its buyer. */
export const ORDER_STATUS_WORDS: Readonly<Record<OrderStatus, string>> = {
  created: 'placed',
  paid: 'paid',
  in_stock: 'in stock and being packed',
  in_transit: 'in transit',
  with_courier: 'with the courier',
  issued: 'issued',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

/** Who moved an order, as its buyer reads it. */
const ACTOR_WORDS: Readonly<Record<OrderActor, string>> = {
  buyer: 'you',
  seller: 'the seller',
  admin: 'an Agora admin',
  provider: 'the payment provider',
  system: 'Agora',
};

/**
 * Text a user chose (item titles, logins, reasons) on one line: control and bidi-override characters gone
 * (`sanitizeText`), every line break and run of spaces one space, at most `max` characters. A title cannot
 * add lines or headers to the mail, nor read differently from how it is stored.
 */
export function oneLine(text: string, max = 200): string {
  const line = sanitizeText(text).replace(/\s+/g, ' ');
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

/** A multi-line user text (a cancel reason), sanitized and indented under its heading. */
function quoted(text: string): string[] {
  return sanitizeText(text)
    .split('\n')
    .map((line) => `  ${line}`);
}

const money = (minor: number, currency: string) => `${formatMinorUnits(minor, currency)} ${currency}`;

const shortId = (id: string) => id.slice(-12);

/** What an admin reads about a new order (seed 001: "the administrator receives e-mail notifications"). */
export function orderPlacedText(login: string, order: OrderCreatedV1, people: OrderPeople): MailText {
  const currency = oneLine(order.currency, 3);
  const buyer = people.buyer === null ? 'a deleted account' : oneLine(people.buyer);
  const seller =
    order.sellerId === null
      ? 'Agora (the shop menu)'
      : people.seller === null
        ? 'a deleted account'
        : oneLine(people.seller);
  return {
    subject: `New Agora order …${shortId(order.orderId)}: ${money(order.totalMinor, currency)}`,
    text: [
      `Hello ${oneLine(login)},`,
      '',
      'A new order was placed on Agora.',
      '',
      `Order:    ${order.orderId}`,
      `Placed:   ${order.createdAt}`,
      `Buyer:    ${buyer} (${order.buyerId})`,
      `Seller:   ${seller}${order.sellerId === null ? '' : ` (${order.sellerId})`}`,
      `Payment:  ${order.paymentMethod === 'cash_on_delivery' ? 'cash on delivery' : 'card'}`,
      '',
      'Lines:',
      ...order.lines.map(
        (line) =>
          `- ${line.quantity} × ${oneLine(line.title)} at ${money(line.unitPriceMinor, currency)}` +
          ` = ${money(line.unitPriceMinor * line.quantity, currency)}`,
      ),
      '',
      `Total:    ${money(order.totalMinor, currency)}`,
    ].join('\n'),
  };
}

/** What a buyer reads when their order moves. */
export function orderStatusText(login: string, change: OrderStatusChangedV1): MailText {
  const now = ORDER_STATUS_WORDS[change.to];
  const reason = change.to === 'cancelled' && change.reason ? sanitizeText(change.reason) : '';
  return {
    subject: `Your Agora order …${shortId(change.orderId)} is ${now}`,
    text: [
      `Hello ${oneLine(login)},`,
      '',
      `Your order ${change.orderId} is ${now} now (it was ${ORDER_STATUS_WORDS[change.from]}).`,
      `Changed by ${ACTOR_WORDS[change.actorRole]} at ${change.changedAt}.`,
      ...(reason ? ['', 'Reason:', ...quoted(reason)] : []),
    ].join('\n'),
  };
}
