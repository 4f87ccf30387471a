import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { GeneratedDecksService } from './generated-decks.service.js';

/** catalog-service's item events: the decks generated from the catalog follow its coffees and watches. */
@Controller()
export class CardsEvents {
  constructor(private readonly generated: GeneratedDecksService) {}

  @EventPattern(Topics.CatalogItemCreated)
  onItemCreated(@Payload() event: EventEnvelope<'catalog.item.created.v1'>): Promise<void> {
    return this.generated.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemUpdated)
  onItemUpdated(@Payload() event: EventEnvelope<'catalog.item.updated.v1'>): Promise<void> {
    return this.generated.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemDeleted)
  onItemDeleted(@Payload() event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    return this.generated.onItemDeleted(event);
  }
}
