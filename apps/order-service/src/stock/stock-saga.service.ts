import type { EventEnvelope, StockItemV1 } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { LOGGER } from '@agora/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { OffersRepository, type StockState } from '../offers/offers.repository.js';
import { OrdersService } from '../orders/orders.service.js';

/** The inbox consumer name of catalog's stock answers in order-service. */
export const STOCK_SAGA_CONSUMER = 'order.stock';

const stockState = (item: StockItemV1): StockState => ({
  itemId: item.itemId,
  status: item.status,
  stock: item.stock,
  version: item.version,
});

/**
 * order-service's side of the stock saga (docs/adr/0013-stock-saga.md). An order holds its units in the read
 * model from checkout until catalog answers: `reserved` applies the stock catalog took them from and ends the
 * holds in one transaction (so a unit is never counted twice, nor left uncounted); `rejected` cancels the order
 * as `system` with catalog's reason (the compensation) and ends its holds; `released` applies the stock catalog
 * gave back. Each answer is applied once (inbox); item events of the same versions merge by version.
 */
@Injectable()
export class StockSagaService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly orders: OrdersService,
    private readonly inbox: Inbox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onReserved(event: EventEnvelope<'catalog.stock.reserved.v1'>): Promise<void> {
    const { orderId, items } = event.payload;
    await this.inbox.consumeOnce(STOCK_SAGA_CONSUMER, event, async (tx) => {
      await this.offers.lock(
        tx,
        items.map((item) => item.itemId),
      );
      await this.offers.applyStock(tx, items.map(stockState));
      await this.offers.settle(tx, orderId);
    });
  }

  async onRejected(event: EventEnvelope<'catalog.stock.rejected.v1'>): Promise<void> {
    const { orderId, reason } = event.payload;
    await this.inbox.consumeOnce(STOCK_SAGA_CONSUMER, event, async (tx) => {
      const cancelled = await this.orders.cancelAsSystem(
        tx,
        orderId,
        `Not in stock: ${reason}`.slice(0, 2000),
      );
      if (!cancelled) {
        this.logger.warn(
          { orderId, reason },
          'catalog could not hold the units of an order that was not cancelled',
        );
      }
      await this.offers.settle(tx, orderId);
    });
  }

  async onReleased(event: EventEnvelope<'catalog.stock.released.v1'>): Promise<void> {
    const { items } = event.payload;
    await this.inbox.consumeOnce(STOCK_SAGA_CONSUMER, event, async (tx) => {
      await this.offers.lock(
        tx,
        items.map((item) => item.itemId),
      );
      await this.offers.applyStock(tx, items.map(stockState));
    });
  }
}
