import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { StockSagaService } from './stock-saga.service.js';

/** catalog-service's answers in the stock saga (one-line handlers). */
@Controller()
export class StockEvents {
  constructor(private readonly saga: StockSagaService) {}

  @EventPattern(Topics.StockReserved)
  onReserved(@Payload() event: EventEnvelope<'catalog.stock.reserved.v1'>): Promise<void> {
    return this.saga.onReserved(event);
  }

  @EventPattern(Topics.StockRejected)
  onRejected(@Payload() event: EventEnvelope<'catalog.stock.rejected.v1'>): Promise<void> {
    return this.saga.onRejected(event);
  }

  @EventPattern(Topics.StockReleased)
  onReleased(@Payload() event: EventEnvelope<'catalog.stock.released.v1'>): Promise<void> {
    return this.saga.onReleased(event);
  }
}
