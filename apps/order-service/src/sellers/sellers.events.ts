import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SellersService } from './sellers.service.js';

/** auth-service's role events: who is a seller now, for reports on sellers. */
@Controller()
export class SellersEvents {
  constructor(private readonly sellers: SellersService) {}

  @EventPattern(Topics.UserRoleChanged)
  onRoleChanged(@Payload() event: EventEnvelope<'auth.user.role-changed.v1'>): Promise<void> {
    return this.sellers.onRoleChanged(event);
  }

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.sellers.onUserDeleted(event);
  }
}
