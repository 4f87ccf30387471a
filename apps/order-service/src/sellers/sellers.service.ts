import { type AuthenticatedUser } from '@agora/auth';
import { SellerTopics, type EventEnvelope } from '@agora/contracts';
import { Inbox, OutboxWriter, UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import type { SellerApplicationEntity } from './seller-application.entity.js';
import { SellerAccountsRepository } from './seller-accounts.repository.js';
import { SellerApplicationsRepository } from './seller-applications.repository.js';
import { cleanText, optionalText } from './seller-text.js';
import {
  DECISION_MESSAGE_MAX_LENGTH,
  SHOP_DESCRIPTION_MAX_LENGTH,
  SHOP_NAME_MAX_LENGTH,
  toSellerApplicationDto,
  type ApplyForSellerDto,
  type SellerApplicationDto,
  type SellerApplicationPageDto,
} from './sellers.dto.js';

/** The inbox consumer name of auth's role events in order-service's sellers module. */
export const SELLERS_CONSUMER = 'order.sellers';

const applicationNotFound = (id: string) =>
  new OrderException(OrderErrorCode.SELLER_APPLICATION_NOT_FOUND, `No seller application ${id}`);

/**
 * Becoming a seller (seed 003): a user applies with their shop's details, an admin approves or rejects the
 * application once, under its row lock; the decision goes to the outbox, and auth-service changes the role
 * (`auth.user.role-changed.v1`) and tells the applicant. Who is a seller now order-service learns back from
 * that role event.
 */
@Injectable()
export class SellersService {
  constructor(
    private readonly applications: SellerApplicationsRepository,
    private readonly accounts: SellerAccountsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
  ) {}

  /** The caller's application; one pending at a time, and only from users who are not sellers or staff. */
  async apply(user: AuthenticatedUser, dto: ApplyForSellerDto): Promise<SellerApplicationDto> {
    if (user.role === 'seller') {
      throw new OrderException(OrderErrorCode.ALREADY_SELLER, 'You are a seller already');
    }
    if (user.role !== 'user') {
      throw new OrderException(
        OrderErrorCode.ROLE_CANNOT_APPLY,
        `A ${user.role} does not apply for the seller role`,
      );
    }
    const values = {
      userId: user.id,
      shopName: cleanText(dto.shopName, SHOP_NAME_MAX_LENGTH, 'shopName'),
      description: cleanText(dto.description, SHOP_DESCRIPTION_MAX_LENGTH, 'description'),
      contactEmail: dto.contactEmail.trim().toLowerCase(),
      contactPhone: dto.contactPhone?.replace(/\s+/g, ' ').trim() ?? null,
      website: dto.website ?? null,
    };
    const application = await this.unitOfWork.run(async (tx) => {
      const submitted = await this.applications.submit(tx, values);
      if (!submitted) {
        throw new OrderException(
          OrderErrorCode.SELLER_APPLICATION_PENDING,
          'Your seller application is waiting for a decision already',
        );
      }
      await this.outbox.add(tx, SellerTopics.SellerApplicationSubmitted, submitted.userId, {
        applicationId: submitted.id,
        userId: submitted.userId,
        shopName: submitted.shopName,
        submittedAt: submitted.createdAt.toISOString(),
      });
      return submitted;
    });
    return toSellerApplicationDto(application);
  }

  /** The application, to its applicant and admins; anyone else gets a 404. */
  async get(user: AuthenticatedUser, id: string): Promise<SellerApplicationDto> {
    const application = await this.applications.find(id);
    if (!application || (application.userId !== user.id && user.role !== 'admin')) {
      throw applicationNotFound(id);
    }
    return toSellerApplicationDto(application);
  }

  async list(query: ParsedListQuery): Promise<SellerApplicationPageDto> {
    return mapPage(await this.applications.list(query), toSellerApplicationDto);
  }

  async approve(
    admin: AuthenticatedUser,
    id: string,
    message: string | undefined,
    expected: ExpectedVersions,
  ): Promise<SellerApplicationDto> {
    return this.decide(
      admin,
      id,
      'approved',
      optionalText(message, DECISION_MESSAGE_MAX_LENGTH, 'message'),
      expected,
    );
  }

  async reject(
    admin: AuthenticatedUser,
    id: string,
    message: string,
    expected: ExpectedVersions,
  ): Promise<SellerApplicationDto> {
    return this.decide(
      admin,
      id,
      'rejected',
      cleanText(message, DECISION_MESSAGE_MAX_LENGTH, 'message'),
      expected,
    );
  }

  /** `auth.user.role-changed.v1`: the user is a seller now, or no longer. */
  async onRoleChanged(event: EventEnvelope<'auth.user.role-changed.v1'>): Promise<void> {
    const change = event.payload;
    await this.inbox.consumeOnce(SELLERS_CONSUMER, event, (tx) =>
      this.accounts.record(tx, change.userId, change.role === 'seller', change.tokenVersion),
    );
  }

  /** `auth.user.deleted.v1`: a deleted user sells nothing any more. */
  async onUserDeleted(event: EventEnvelope<'auth.user.deleted.v1'>): Promise<void> {
    await this.inbox.consumeOnce(SELLERS_CONSUMER, event, (tx) =>
      this.accounts.forget(tx, event.payload.userId),
    );
  }

  /**
   * Decides the pending application under its row lock: one of many decisions at once wins, the others get
   * a 409 naming the status it reached; an If-Match that names another version is a 412.
   */
  private async decide(
    admin: AuthenticatedUser,
    id: string,
    decision: 'approved' | 'rejected',
    message: string | null,
    expected: ExpectedVersions,
  ): Promise<SellerApplicationDto> {
    const decided = await this.unitOfWork.run(async (tx) => {
      const application = await this.applications.lock(tx, id);
      if (!application) {
        throw applicationNotFound(id);
      }
      if (application.status !== 'pending') {
        throw new OrderException(
          OrderErrorCode.SELLER_APPLICATION_DECIDED,
          `The application was ${application.status} already`,
          { extensions: { applicationStatus: application.status } },
        );
      }
      assertVersionMatches(expected, application.version);
      const saved = await this.applications.decide(tx, application, {
        status: decision,
        reviewerId: admin.id,
        decisionMessage: message,
        decidedAt: new Date(),
      });
      await this.announce(tx, saved, decision);
      return saved;
    });
    return toSellerApplicationDto(decided);
  }

  private async announce(
    tx: Tx,
    application: SellerApplicationEntity,
    decision: 'approved' | 'rejected',
  ): Promise<void> {
    await this.outbox.add(
      tx,
      decision === 'approved'
        ? SellerTopics.SellerApplicationApproved
        : SellerTopics.SellerApplicationRejected,
      application.userId,
      {
        applicationId: application.id,
        userId: application.userId,
        shopName: application.shopName,
        decision,
        reviewerId: application.reviewerId!,
        message: application.decisionMessage,
        decidedAt: application.decidedAt!.toISOString(),
      },
    );
  }
}
