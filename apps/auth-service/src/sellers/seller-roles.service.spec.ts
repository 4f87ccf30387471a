import type { EventEnvelope } from '@agora/contracts';
import type { Inbox, Tx } from '@agora/database';
import { strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { AccountsService } from '../account/accounts.service.js';
import type { AuthMail } from '../mail/auth-mail.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';
import { SellerRolesService } from './seller-roles.service.js';

const tx = {} as Tx;
const at = '2026-11-30T10:00:00.000Z';
const ann = { id: 'ann', email: 'ann@example.com', login: 'ann', role: 'user' } as UserEntity;

function harness(applied = true) {
  const changeRoleFrom = vi.fn(() => Promise.resolve(ann));
  const sendSellerApplicationDecision = vi.fn(() => Promise.resolve());
  const sendSellerReportOutcome = vi.fn(() => Promise.resolve());
  const consumeOnce = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
    applied ? apply(tx).then(() => true) : Promise.resolve(false),
  );
  const service = new SellerRolesService(
    strictMock<AccountsService>('AccountsService', { changeRoleFrom }),
    strictMock<UsersRepository>('UsersRepository', { findById: () => Promise.resolve(ann) }),
    strictMock<Inbox>('Inbox', { consumeOnce }),
    strictMock<AuthMail>('AuthMail', { sendSellerApplicationDecision, sendSellerReportOutcome }),
  );
  return { service, changeRoleFrom, sendSellerApplicationDecision, sendSellerReportOutcome, consumeOnce };
}

const decided = (
  decision: 'approved' | 'rejected',
): EventEnvelope<'order.seller-application.approved.v1' | 'order.seller-application.rejected.v1'> => ({
  id: 'e1',
  topic: `order.seller-application.${decision}.v1`,
  key: 'ann',
  occurredAt: at,
  payload: {
    applicationId: 'app-1',
    userId: 'ann',
    shopName: 'Grinders',
    decision,
    reviewerId: 'admin-1',
    message: 'Hello',
    decidedAt: at,
  },
});

const resolved = (
  action: 'dismiss' | 'warn' | 'suspend',
): EventEnvelope<'order.seller-report.resolved.v1'> => ({
  id: 'e2',
  topic: 'order.seller-report.resolved.v1',
  key: 'ann',
  occurredAt: at,
  payload: {
    reportId: 'r1',
    sellerId: 'ann',
    reporterId: 'bob',
    reason: 'scam',
    action,
    moderatorId: 'mod-1',
    message: null,
    resolvedAt: at,
  },
});

describe('SellerRolesService', () => {
  it('makes an approved applicant a seller through the role change, then mails them', async () => {
    const { service, changeRoleFrom, sendSellerApplicationDecision } = harness();
    await service.onApplicationDecided(decided('approved'));
    expect(changeRoleFrom).toHaveBeenCalledWith(tx, 'ann', 'user', 'seller', 'admin-1');
    expect(sendSellerApplicationDecision).toHaveBeenCalledWith(
      'ann@example.com',
      'ann',
      expect.objectContaining({ decision: 'approved' }),
    );
  });

  it('only mails a rejected applicant, and does nothing for an event applied before', async () => {
    const rejected = harness();
    await rejected.service.onApplicationDecided(decided('rejected'));
    expect(rejected.changeRoleFrom).not.toHaveBeenCalled();
    expect(rejected.sendSellerApplicationDecision).toHaveBeenCalledTimes(1);
    const again = harness(false);
    await again.service.onApplicationDecided(decided('approved'));
    expect(again.changeRoleFrom).not.toHaveBeenCalled();
    expect(again.sendSellerApplicationDecision).not.toHaveBeenCalled();
  });

  it('takes the seller role back on a suspension, warns by mail, and ignores dismissals', async () => {
    const suspended = harness();
    await suspended.service.onReportResolved(resolved('suspend'));
    expect(suspended.changeRoleFrom).toHaveBeenCalledWith(tx, 'ann', 'seller', 'user', 'mod-1');
    expect(suspended.sendSellerReportOutcome).toHaveBeenCalledTimes(1);
    const warned = harness();
    await warned.service.onReportResolved(resolved('warn'));
    expect(warned.changeRoleFrom).not.toHaveBeenCalled();
    expect(warned.sendSellerReportOutcome).toHaveBeenCalledTimes(1);
    const dismissed = harness();
    await dismissed.service.onReportResolved(resolved('dismiss'));
    expect(dismissed.consumeOnce).not.toHaveBeenCalled();
    expect(dismissed.sendSellerReportOutcome).not.toHaveBeenCalled();
  });
});
