import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CheckinActivityService } from './checkin-activity.service.js';

/** catalog-service's check-in events: check-ins in the feed. */
@Controller()
export class CheckinsEvents {
  constructor(private readonly activity: CheckinActivityService) {}

  @EventPattern(Topics.CatalogCheckinCreated)
  onCreated(@Payload() event: EventEnvelope<'catalog.checkin.created.v1'>): Promise<void> {
    return this.activity.onCreated(event);
  }

  @EventPattern(Topics.CatalogCheckinDeleted)
  onDeleted(@Payload() event: EventEnvelope<'catalog.checkin.deleted.v1'>): Promise<void> {
    return this.activity.onDeleted(event);
  }
}
