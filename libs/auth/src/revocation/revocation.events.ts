import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RevocationList } from './revocation-list.js';
import { parseRoleChanged, parseSessionRevoked, parseUserDeleted } from './revocation-payloads.js';

/**
 * auth-service's revocation events, consumed by every service that imports `AuthModule.forRoot()` (next to
 * the service's own handlers of the same topics). A payload that does not fit is dead-lettered at once.
 */
@Controller()
export class RevocationEvents {
  constructor(private readonly revocations: RevocationList) {}

  @EventPattern(Topics.SessionRevoked)
  async onSessionRevoked(@Payload() event: EventEnvelope<'auth.session.revoked.v1'>): Promise<void> {
    await this.revocations.sessionsRevoked(parseSessionRevoked(event.payload));
  }

  @EventPattern(Topics.UserRoleChanged)
  async onRoleChanged(@Payload() event: EventEnvelope<'auth.user.role-changed.v1'>): Promise<void> {
    await this.revocations.roleChanged(parseRoleChanged(event.payload));
  }

  @EventPattern(Topics.UserDeleted)
  async onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.revocations.userDeleted(parseUserDeleted(event.payload));
  }
}
