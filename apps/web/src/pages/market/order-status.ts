import type { Schemas } from '@agora/client';

export type Order = Schemas['OrderDto'];
export type OrderStatus = Order['status'];

/** The seller's next step from each status (README "Orders": the machine; a card order is paid by the provider). */
export function sellerNextStatus(order: Order): OrderStatus | undefined {
  switch (order.status) {
    case 'created':
      return order.paymentMethod === 'cash_on_delivery' ? 'in_stock' : undefined;
    case 'paid':
      return 'in_stock';
    case 'in_stock':
      return 'in_transit';
    case 'in_transit':
      return 'with_courier';
    case 'with_courier':
      return 'issued';
    case 'issued':
    case 'cancelled':
    case 'refunded':
      return undefined;
  }
}

/** Buyer, seller and admin may cancel until the order ships. */
export function cancellable(order: Order): boolean {
  return order.status === 'created' || order.status === 'paid' || order.status === 'in_stock';
}
