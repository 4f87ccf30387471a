import type { OrderCreatedV1, OrderStatusChangedV1 } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { oneLine, orderPlacedText, orderStatusText } from './order-mail-text.js';

const at = '2026-11-30T10:00:00.000Z';
const ORDER = '0195f6a0-0000-7000-8000-0000000000a1';
const BUYER = '0195f6a0-0000-7000-8000-0000000000b1';
const SELLER = '0195f6a0-0000-7000-8000-0000000000c1';

const order: OrderCreatedV1 = {
  orderId: ORDER,
  checkoutId: '0195f6a0-0000-7000-8000-0000000000d1',
  buyerId: BUYER,
  sellerId: SELLER,
  paymentMethod: 'cash_on_delivery',
  currency: 'RUB',
  totalMinor: 75150,
  lines: [
    { itemId: SELLER, kind: 'product', title: 'Espresso', quantity: 3, unitPriceMinor: 15050 },
    {
      itemId: SELLER,
      kind: 'listing',
      title: 'Watch\r\nBcc: victim@example.com\u202e <b>x</b>',
      quantity: 1,
      unitPriceMinor: 30000,
    },
  ],
  createdAt: at,
};

const change = (to: OrderStatusChangedV1['to'], reason: string | null = null): OrderStatusChangedV1 => ({
  orderId: ORDER,
  buyerId: BUYER,
  sellerId: SELLER,
  from: 'in_stock',
  to,
  actorId: SELLER,
  actorRole: 'seller',
  reason,
  version: 3,
  changedAt: at,
});

describe('order mail text', () => {
  it('tells an admin the order id, buyer, seller, each line and the total in major units with currency', () => {
    const mail = orderPlacedText('root', order, { buyer: 'ann', seller: 'sam' });
    expect(mail.subject).toBe('New Agora order …0000000000a1: 751.50 RUB');
    expect(mail.text).toContain(`Order:    ${ORDER}`);
    expect(mail.text).toContain(`Buyer:    ann (${BUYER})`);
    expect(mail.text).toContain(`Seller:   sam (${SELLER})`);
    expect(mail.text).toContain('- 3 × Espresso at 150.50 RUB = 451.50 RUB');
    expect(mail.text).toContain('Total:    751.50 RUB');
  });

  it('keeps a hostile title on its own line, without control or bidi characters, markup left as text', () => {
    const mail = orderPlacedText('root', order, { buyer: 'ann', seller: 'sam' });
    expect(mail.text).toContain('- 1 × Watch Bcc: victim@example.com <b>x</b> at 300.00 RUB = 300.00 RUB');
    expect(mail.text).not.toMatch(/\r|\u202e|^Bcc:/m);
  });

  it('names a menu order’s seller and a deleted buyer', () => {
    const mail = orderPlacedText('root', { ...order, sellerId: null }, { buyer: null, seller: null });
    expect(mail.text).toContain(`Buyer:    a deleted account (${BUYER})`);
    expect(mail.text).toContain('Seller:   Agora (the shop menu)\n');
  });

  it('tells the buyer the new state in words, who moved it, and the reason of a cancellation only', () => {
    const moved = orderStatusText('ann', change('with_courier', 'ignored'));
    expect(moved.subject).toBe('Your Agora order …0000000000a1 is with the courier');
    expect(moved.text).toContain('is with the courier now (it was in stock and being packed).');
    expect(moved.text).toContain('Changed by the seller');
    expect(moved.text).not.toContain('ignored');
    const cancelled = orderStatusText('ann', change('cancelled', 'Out of\r\nstock\u0007'));
    expect(cancelled.subject).toBe('Your Agora order …0000000000a1 is cancelled');
    expect(cancelled.text).toContain('Reason:\n  Out of\n  stock');
    expect(cancelled.text).not.toContain('\u0007');
  });

  it('cuts a long one-line text', () => {
    expect([...oneLine('x'.repeat(500))]).toHaveLength(200);
  });
});
