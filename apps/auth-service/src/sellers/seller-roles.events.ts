import { Topics, type EventEnvelope } from '@agora/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SellerRolesService } from './seller-roles.service.js';

/** order-service's decisions on seller applications and reports on sellers. */
@Controller()
export class SellerRolesEvents {
  constructor(private readonly sellerRoles: SellerRolesService) {}

  @EventPattern(Topics.SellerApplicationApproved)
  onApproved(@Payload() event: EventEnvelope<'order.seller-application.approved.v1'>): Promise<void> {
    return this.sellerRoles.onApplicationDecided(event);
  }

  @EventPattern(Topics.SellerApplicationRejected)
  onRejected(@Payload() event: EventEnvelope<'order.seller-application.rejected.v1'>): Promise<void> {
    return this.sellerRoles.onApplicationDecided(event);
  }

  @EventPattern(Topics.SellerReportResolved)
  onReportResolved(@Payload() event: EventEnvelope<'order.seller-report.resolved.v1'>): Promise<void> {
    return this.sellerRoles.onReportResolved(event);
  }
}
