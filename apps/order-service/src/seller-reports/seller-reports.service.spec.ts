import type { OutboxWriter, Tx } from '@agora/database';
import { RequestException } from '@agora/http';
import type { RateLimiter } from '@agora/rate-limit';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { OrderConfig } from '../order.config.js';
import { OrderException } from '../order.errors.js';
import type { SellerAccountsRepository } from '../sellers/seller-accounts.repository.js';
import type { SellerReportEntity } from './seller-report.entity.js';
import type { SellerReportsRepository } from './seller-reports.repository.js';
import { SellerReportsService } from './seller-reports.service.js';

const tx = {} as Tx;
const user = actingUser;
const moderator = user('mod-1', 'moderator');

const report = (values: Partial<SellerReportEntity> = {}): SellerReportEntity =>
  ({
    id: 'rep-1',
    reporterId: 'ann',
    sellerId: 'sam',
    reason: 'scam',
    text: 'Paid, got nothing',
    status: 'open',
    action: null,
    moderatorId: null,
    resolutionMessage: null,
    resolvedAt: null,
    version: 1,
    createdAt: new Date('2026-11-30T10:00:00Z'),
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...values,
  }) as SellerReportEntity;

const allow = { consume: () => Promise.resolve({ count: 1, remainingMs: 1000 }) };

function service(
  reports: Partial<SellerReportsRepository>,
  sellers: Partial<SellerAccountsRepository> = {},
  limiter: Partial<RateLimiter> = {},
  outbox: Partial<OutboxWriter> = {},
) {
  return new SellerReportsService(
    strictMock<SellerReportsRepository>('SellerReportsRepository', reports),
    strictMock<SellerAccountsRepository>('SellerAccountsRepository', sellers),
    inlineUnitOfWork(tx),
    strictMock<OutboxWriter>('OutboxWriter', outbox),
    strictMock<RateLimiter>('RateLimiter', limiter),
    { ORDER_SELLER_REPORTS_PER_HOUR: 10 } as OrderConfig,
  );
}

describe('SellerReportsService', () => {
  it('files a cleaned report on an active seller within the hourly budget', async () => {
    const consume = vi.fn(allow.consume);
    const file = vi.fn((_tx: Tx, values: Partial<SellerReportEntity>) => Promise.resolve(report(values)));
    const reports = service({ file }, { isActive: () => Promise.resolve(true) }, { consume });
    const filed = await reports.report(user('ann'), 'sam', {
      reason: 'scam',
      text: ' Paid,\u202e got nothing ',
    });
    expect(consume).toHaveBeenCalledWith('order.seller-reports:ann', 10, 3_600_000, expect.anything());
    expect(file).toHaveBeenCalledWith(tx, {
      reporterId: 'ann',
      sellerId: 'sam',
      reason: 'scam',
      text: 'Paid, got nothing',
    });
    expect(filed).toMatchObject({ id: 'rep-1', status: 'open' });
  });

  it('refuses a report on oneself, on a user who is not a seller, and a second open one, with codes', async () => {
    expect(
      await rejectionOf(
        service({}).report(user('sam'), 'sam', { reason: 'scam', text: 'x' }),
        OrderException,
      ),
    ).toMatchObject({ code: 'CANNOT_REPORT_SELF', status: 422 });
    const notSeller = service({}, { isActive: () => Promise.resolve(false) }, allow);
    expect(
      await rejectionOf(notSeller.report(user('ann'), 'bob', { reason: 'scam', text: 'x' }), OrderException),
    ).toMatchObject({ code: 'SELLER_NOT_FOUND', status: 404 });
    const open = service(
      { file: () => Promise.resolve(null) },
      { isActive: () => Promise.resolve(true) },
      allow,
    );
    expect(
      await rejectionOf(open.report(user('ann'), 'sam', { reason: 'other', text: 'again' }), OrderException),
    ).toMatchObject({ code: 'SELLER_REPORT_OPEN', status: 409 });
  });

  it('shows a report to its reporter and staff only', async () => {
    const reports = service({ find: () => Promise.resolve(report()) });
    await expect(reports.get(user('ann'), 'rep-1')).resolves.toMatchObject({ id: 'rep-1' });
    await expect(reports.get(moderator, 'rep-1')).resolves.toMatchObject({ id: 'rep-1' });
    await expect(reports.get(user('root', 'admin'), 'rep-1')).resolves.toMatchObject({ id: 'rep-1' });
    expect(await rejectionOf(reports.get(user('sam', 'seller'), 'rep-1'), OrderException)).toMatchObject({
      code: 'SELLER_REPORT_NOT_FOUND',
    });
  });

  it('resolves an open report once and publishes the action keyed by the seller', async () => {
    const resolve = vi.fn((_tx: Tx, found: SellerReportEntity, values: Partial<SellerReportEntity>) =>
      Promise.resolve(report({ ...values, status: 'resolved', version: found.version + 1 })),
    );
    const add = vi.fn(() => Promise.resolve('event-1'));
    const reports = service({ lock: () => Promise.resolve(report()), resolve }, {}, {}, { add });
    const resolved = await reports.resolve(moderator, 'rep-1', { action: 'suspend', message: 'Scam' }, [1]);
    expect(resolved).toMatchObject({
      status: 'resolved',
      action: 'suspend',
      moderatorId: 'mod-1',
      version: 2,
    });
    expect(add).toHaveBeenCalledWith(
      tx,
      'order.seller-report.resolved.v1',
      'sam',
      expect.objectContaining({ action: 'suspend', sellerId: 'sam', moderatorId: 'mod-1', message: 'Scam' }),
    );
  });

  it('refuses resolving twice (409 naming the action) and a stale If-Match (412)', async () => {
    const done = service({
      lock: () => Promise.resolve(report({ status: 'resolved', action: 'warn', version: 2 })),
    });
    const twice = await rejectionOf(
      done.resolve(moderator, 'rep-1', { action: 'dismiss' }, undefined),
      OrderException,
    );
    expect(twice).toMatchObject({ code: 'SELLER_REPORT_RESOLVED', status: 409 });
    expect(twice.extras.extensions).toEqual({ resolvedAction: 'warn' });
    const stale = service({ lock: () => Promise.resolve(report({ version: 3 })) });
    expect(
      await rejectionOf(stale.resolve(moderator, 'rep-1', { action: 'warn' }, [1]), RequestException),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});
