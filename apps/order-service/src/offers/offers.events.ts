import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OffersService } from './offers.service.js';

/** catalog-service's events about what can be bought. */
@Controller()
export class OffersEvents {
  constructor(private readonly offers: OffersService) {}

  @EventPattern(Topics.CatalogItemCreated)
  onItemCreated(@Payload() event: EventEnvelope<'catalog.item.created.v1'>): Promise<void> {
    return this.offers.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemUpdated)
  onItemUpdated(@Payload() event: EventEnvelope<'catalog.item.updated.v1'>): Promise<void> {
    return this.offers.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogPriceChanged)
  onPriceChanged(@Payload() event: EventEnvelope<'catalog.price.changed.v1'>): Promise<void> {
    return this.offers.onPriceChanged(event);
  }

  @EventPattern(Topics.CatalogItemDeleted)
  onItemDeleted(@Payload() event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    return this.offers.onItemDeleted(event);
  }
}
