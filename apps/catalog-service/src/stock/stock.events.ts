import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { StockService } from './stock.service.js';

/** order-service's order events: the stock saga's side in catalog (one-line handlers). */
@Controller()
export class StockEvents {
  constructor(private readonly stock: StockService) {}

  @EventPattern(Topics.OrderCreated)
  onOrderCreated(@Payload() event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    return this.stock.onOrderCreated(event);
  }

  @EventPattern(Topics.OrderStatusChanged)
  onOrderStatusChanged(@Payload() event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    return this.stock.onOrderStatusChanged(event);
  }
}
