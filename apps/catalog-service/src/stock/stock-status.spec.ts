import type { OrderStatus } from '@agora/contracts';
import { describe, expect, it } from 'vitest';
import { outcomeOf, purchaseOf } from './stock.service.js';

describe('what an order status change asks of catalog', () => {
  it.each<[OrderStatus, OrderStatus, 'sold' | 'released' | null, boolean | null]>([
    ['created', 'paid', 'sold', null],
    ['created', 'in_stock', null, null],
    ['with_courier', 'issued', 'sold', true],
    ['issued', 'refunded', null, false],
    ['paid', 'refunded', 'released', null],
    ['in_stock', 'cancelled', 'released', null],
    ['in_transit', 'with_courier', null, null],
  ])('%s → %s: units %s, bought %s', (from, to, outcome, bought) => {
    expect(outcomeOf({ from, to })).toBe(outcome);
    expect(purchaseOf({ from, to })).toBe(bought);
  });
});
