import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ReferencesService } from './references.service.js';

/** media-service's and catalog-service's events that posts refer to. */
@Controller()
export class ReferencesEvents {
  constructor(private readonly references: ReferencesService) {}

  @EventPattern(Topics.MediaUploaded)
  onMediaUploaded(@Payload() event: EventEnvelope<'media.media.uploaded.v1'>): Promise<void> {
    return this.references.onMediaUploaded(event);
  }

  @EventPattern(Topics.MediaDeleted)
  onMediaDeleted(@Payload() event: EventEnvelope<'media.media.deleted.v1'>): Promise<void> {
    return this.references.onMediaDeleted(event);
  }

  @EventPattern(Topics.CatalogItemCreated)
  onItemCreated(@Payload() event: EventEnvelope<'catalog.item.created.v1'>): Promise<void> {
    return this.references.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogItemUpdated)
  onItemUpdated(@Payload() event: EventEnvelope<'catalog.item.updated.v1'>): Promise<void> {
    return this.references.onItemChanged(event);
  }

  @EventPattern(Topics.CatalogDraftApproved)
  onDraftApproved(@Payload() event: EventEnvelope<'catalog.draft.approved.v1'>): Promise<void> {
    return this.references.onDraftApproved(event);
  }

  @EventPattern(Topics.CatalogItemDeleted)
  onItemDeleted(@Payload() event: EventEnvelope<'catalog.item.deleted.v1'>): Promise<void> {
    return this.references.onItemDeleted(event);
  }
}
