import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RatingsService } from './ratings.service.js';

/** catalog-service's review events: sellers' ratings and review posts. */
@Controller()
export class RatingsEvents {
  constructor(private readonly ratings: RatingsService) {}

  @EventPattern(Topics.CatalogReviewSaved)
  onReviewSaved(@Payload() event: EventEnvelope<'catalog.review.saved.v1'>): Promise<void> {
    return this.ratings.onReviewSaved(event);
  }

  @EventPattern(Topics.CatalogReviewDeleted)
  onReviewDeleted(@Payload() event: EventEnvelope<'catalog.review.deleted.v1'>): Promise<void> {
    return this.ratings.onReviewDeleted(event);
  }
}
