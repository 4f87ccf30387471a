import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FavouritesService } from './favourites.service.js';

/** catalog-service's listing events (which listings exist) and auth's deletions, for favourites. */
@Controller()
export class FavouritesEvents {
  constructor(private readonly favourites: FavouritesService) {}

  @EventPattern(Topics.CatalogItemCreated)
  onItemCreated(@Payload() event: EventEnvelope<'catalog.item.created.v1'>): Promise<void> {
    return this.favourites.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemUpdated)
  onItemUpdated(@Payload() event: EventEnvelope<'catalog.item.updated.v1'>): Promise<void> {
    return this.favourites.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemDeleted)
  onItemDeleted(@Payload() event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    return this.favourites.onItemDeleted(event);
  }

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.favourites.onUserDeleted(event);
  }
}
