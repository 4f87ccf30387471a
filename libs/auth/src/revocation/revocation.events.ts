import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RevocationList } from './revocation-list.js';
import { deletionRevocation } from './revocation-payloads.js';

/**
 * auth-service's revocation events, consumed by every service that imports `AuthModule.forRoot()` (next to
 * the service's own handlers of the same topics). Payloads arrive checked against their schemas.
 */
@Controller()
export class RevocationEvents {
  constructor(private readonly revocations: RevocationList) {}

  @EventPattern(Topics.SessionRevoked)
  onSessionRevoked(@Payload() event: EventEnvelope<'auth.session.revoked.v1'>): Promise<void> {
    return this.revocations.sessionsRevoked(event.payload);
  }

  @EventPattern(Topics.UserRoleChanged)
  onRoleChanged(@Payload() event: EventEnvelope<'auth.user.role-changed.v1'>): Promise<void> {
    return this.revocations.roleChanged(event.payload);
  }

  @EventPattern(Topics.UserDeleted)
  onUserDeleted(@Payload() event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    return this.revocations.userDeleted(deletionRevocation(event.payload));
  }
}
