import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ProfilesService } from './profiles.service.js';

/** auth-service's account events, as profiles. */
@Controller()
export class ProfilesEvents {
  constructor(private readonly profiles: ProfilesService) {}

  @EventPattern(Topics.UserRegistered)
  onUserRegistered(@Payload() event: EventEnvelope<'auth.user.registered.v1'>): Promise<void> {
    return this.profiles.onUserRegistered(event);
  }

  @EventPattern(Topics.UserVerified)
  onUserVerified(@Payload() event: EventEnvelope<'auth.user.verified.v1'>): Promise<void> {
    return this.profiles.onUserVerified(event);
  }

  @EventPattern(Topics.UserUpdated)
  onUserUpdated(@Payload() event: EventEnvelope<'auth.user.updated.v1'>): Promise<void> {
    return this.profiles.onUserUpdated(event);
  }

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.profiles.onUserDeleted(event);
  }
}
