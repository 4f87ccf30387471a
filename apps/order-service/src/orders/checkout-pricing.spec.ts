import { describe, expect, it } from 'vitest';
import { planOrders, type PricedRequest } from './checkout-pricing.js';

const offer = (itemId: string, sellerId: string | null, priceMinor: number, currency = 'RUB') => ({
  itemId,
  kind: sellerId ? ('listing' as const) : ('product' as const),
  title: `Item ${itemId}`,
  sellerId,
  priceMinor,
  currency,
});

const request = (item: ReturnType<typeof offer>, quantity: number): PricedRequest => ({
  offer: item,
  quantity,
});

describe('checkout pricing', () => {
  it('makes one order per seller, the shop products together, in the order sellers appear', () => {
    const plan = planOrders([
      request(offer('p1', null, 25000), 2),
      request(offer('l1', 's1', 100000), 1),
      request(offer('p2', null, 15050), 3),
      request(offer('l2', 's2', 99), 1),
      request(offer('l3', 's1', 50000), 1),
    ]);
    expect(plan.map((order) => [order.sellerId, order.lines.map((line) => line.itemId)])).toEqual([
      [null, ['p1', 'p2']],
      ['s1', ['l1', 'l3']],
      ['s2', ['l2']],
    ]);
  });

  it('totals lines and orders in minor units, exactly', () => {
    const [shop] = planOrders([request(offer('p1', null, 25000), 2), request(offer('p2', null, 15050), 3)]);
    expect(shop.lines.map((line) => [line.unitPriceMinor, line.quantity, line.lineTotalMinor])).toEqual([
      [25000, 2, 50000],
      [15050, 3, 45150],
    ]);
    expect(shop).toMatchObject({ currency: 'RUB', totalMinor: 95150 });
    // 0.1 + 0.2 in minor units stays 30, never 30.000000000000004.
    expect(
      planOrders([request(offer('a', null, 10), 1), request(offer('b', null, 20), 1)])[0].totalMinor,
    ).toBe(30);
  });

  it("refuses one seller's items in two currencies, but not two sellers' in theirs", () => {
    expect(() =>
      planOrders([request(offer('l1', 's1', 100, 'RUB'), 1), request(offer('l2', 's1', 100, 'EUR'), 1)]),
    ).toThrow(/RUB and EUR/);
    const plan = planOrders([
      request(offer('l1', 's1', 100, 'RUB'), 1),
      request(offer('l2', 's2', 100, 'EUR'), 1),
    ]);
    expect(plan.map((order) => [order.currency, order.totalMinor])).toEqual([
      ['RUB', 100],
      ['EUR', 100],
    ]);
  });
});
