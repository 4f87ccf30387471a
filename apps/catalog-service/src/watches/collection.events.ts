import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CollectionService } from './collection.service.js';

/** auth-service's events the collections consume. */
@Controller()
export class CollectionEventsController {
  constructor(private readonly collection: CollectionService) {}

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.collection.onUserDeleted(event);
  }
}
