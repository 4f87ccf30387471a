import { OrderTopics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OrderMailService } from './order-mail.service.js';

/** order-service's order events, mailed to admins and buyers. */
@Controller()
export class OrderMailEvents {
  constructor(private readonly orderMail: OrderMailService) {}

  @EventPattern(OrderTopics.OrderCreated)
  onOrderCreated(@Payload() event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    return this.orderMail.onOrderCreated(event);
  }

  @EventPattern(OrderTopics.OrderStatusChanged)
  onOrderStatusChanged(@Payload() event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    return this.orderMail.onOrderStatusChanged(event);
  }
}
