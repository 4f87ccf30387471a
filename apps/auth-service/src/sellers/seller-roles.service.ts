import type { EventEnvelope } from '@agora/contracts';
import { Inbox } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { AccountsService } from '../account/accounts.service.js';
import { AuthMail } from '../mail/auth-mail.js';
import { UsersRepository } from '../users/users.repository.js';

/** The inbox consumer name of order-service's seller decisions in auth-service. */
export const SELLER_ROLES_CONSUMER = 'auth.seller-roles';

/** Who to mail after the transaction, and what. */
interface Recipient {
  readonly email: string;
  readonly login: string;
}

/**
 * order-service's decisions about sellers, applied to roles (each event once): an approved application makes
 * a `user` a seller, a suspension after a report makes a `seller` a user again, both through the admins' own
 * role change (`auth.user.role-changed.v1` follows, older access tokens are refused everywhere). The user is
 * told by mail after the change commits; a mail that fails is logged and changes nothing.
 */
@Injectable()
export class SellerRolesService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly inbox: Inbox,
    private readonly mail: AuthMail,
  ) {}

  async onApplicationDecided(
    event: EventEnvelope<'order.seller-application.approved.v1' | 'order.seller-application.rejected.v1'>,
  ): Promise<void> {
    const decision = event.payload;
    const told: Recipient[] = [];
    await this.inbox.consumeOnce(SELLER_ROLES_CONSUMER, event, async (manager) => {
      if (decision.decision === 'approved') {
        // Only a plain user becomes a seller: staff, or a seller made so meanwhile, keep their role.
        await this.accounts.changeRoleFrom(manager, decision.userId, 'user', 'seller', decision.reviewerId);
      }
      told.push(...[await this.users.findById(decision.userId, manager)].filter((user) => user !== null));
    });
    for (const { email, login } of told) {
      await this.mail.sendSellerApplicationDecision(email, login, decision);
    }
  }

  async onReportResolved(event: EventEnvelope<'order.seller-report.resolved.v1'>): Promise<void> {
    const outcome = event.payload;
    if (outcome.action === 'dismiss') {
      return;
    }
    const told: Recipient[] = [];
    await this.inbox.consumeOnce(SELLER_ROLES_CONSUMER, event, async (manager) => {
      if (outcome.action === 'suspend') {
        await this.accounts.changeRoleFrom(manager, outcome.sellerId, 'seller', 'user', outcome.moderatorId);
      }
      told.push(...[await this.users.findById(outcome.sellerId, manager)].filter((user) => user !== null));
    });
    for (const { email, login } of told) {
      await this.mail.sendSellerReportOutcome(email, login, outcome);
    }
  }
}
