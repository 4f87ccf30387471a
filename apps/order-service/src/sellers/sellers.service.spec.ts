import type { Inbox, OutboxWriter, Tx } from '@agora/database';
import { RequestException } from '@agora/http';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import { OrderException } from '../order.errors.js';
import type { SellerAccountsRepository } from './seller-accounts.repository.js';
import type { SellerApplicationEntity } from './seller-application.entity.js';
import type { SellerApplicationsRepository } from './seller-applications.repository.js';
import type { ApplyForSellerDto } from './sellers.dto.js';
import { SellersService } from './sellers.service.js';

const tx = {} as Tx;
const user = actingUser;
const admin = user('admin-1', 'admin');

const application = (values: Partial<SellerApplicationEntity> = {}): SellerApplicationEntity =>
  ({
    id: 'app-1',
    userId: 'ann',
    shopName: 'Grinders',
    description: 'Hand grinders',
    contactEmail: 'shop@example.com',
    contactPhone: null,
    website: null,
    status: 'pending',
    reviewerId: null,
    decisionMessage: null,
    decidedAt: null,
    version: 1,
    createdAt: new Date('2026-11-30T10:00:00Z'),
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    ...values,
  }) as SellerApplicationEntity;

const dto: ApplyForSellerDto = {
  shopName: '  Grinders\u202e ',
  description: 'Hand grinders\r\nand beans',
  contactEmail: 'Shop@Example.com',
  contactPhone: '+7  701 234 56 78',
};

function service(
  applications: Partial<SellerApplicationsRepository>,
  outbox: Partial<OutboxWriter> = {},
  accounts: Partial<SellerAccountsRepository> = {},
  inbox: Partial<Inbox> = {},
) {
  return new SellersService(
    strictMock<SellerApplicationsRepository>('SellerApplicationsRepository', applications),
    strictMock<SellerAccountsRepository>('SellerAccountsRepository', accounts),
    inlineUnitOfWork(tx),
    strictMock<OutboxWriter>('OutboxWriter', outbox),
    strictMock<Inbox>('Inbox', inbox),
  );
}

describe('SellersService', () => {
  it('takes a cleaned application from a plain user and announces it', async () => {
    const submit = vi.fn((_tx: Tx, values: Partial<SellerApplicationEntity>) =>
      Promise.resolve(application(values)),
    );
    const add = vi.fn(() => Promise.resolve('event-1'));
    const submitted = await service({ submit }, { add }).apply(user('ann'), dto);
    expect(submit).toHaveBeenCalledWith(tx, {
      userId: 'ann',
      shopName: 'Grinders',
      description: 'Hand grinders\nand beans',
      contactEmail: 'shop@example.com',
      contactPhone: '+7 701 234 56 78',
      website: null,
    });
    expect(add).toHaveBeenCalledWith(tx, 'order.seller-application.submitted.v1', 'ann', {
      applicationId: 'app-1',
      userId: 'ann',
      shopName: 'Grinders',
      submittedAt: '2026-11-30T10:00:00.000Z',
    });
    expect(submitted).toMatchObject({ id: 'app-1', status: 'pending', version: 1 });
  });

  it('refuses sellers, staff, a second pending application and an empty shop name, with codes', async () => {
    const none = service({});
    expect(await rejectionOf(none.apply(user('s', 'seller'), dto), OrderException)).toMatchObject({
      code: 'ALREADY_SELLER',
      status: 409,
    });
    for (const role of ['moderator', 'admin'] as const) {
      expect(await rejectionOf(none.apply(user('m', role), dto), OrderException)).toMatchObject({
        code: 'ROLE_CANNOT_APPLY',
        status: 409,
      });
    }
    expect(
      await rejectionOf(none.apply(user('ann'), { ...dto, shopName: ' \u200f ' }), OrderException),
    ).toMatchObject({ code: 'EMPTY_TEXT' });
    const pending = service({ submit: () => Promise.resolve(null) });
    expect(await rejectionOf(pending.apply(user('ann'), dto), OrderException)).toMatchObject({
      code: 'SELLER_APPLICATION_PENDING',
      status: 409,
    });
  });

  it('shows an application to its applicant and admins only', async () => {
    const sellers = service({ find: () => Promise.resolve(application()) });
    await expect(sellers.get(user('ann'), 'app-1')).resolves.toMatchObject({ id: 'app-1' });
    await expect(sellers.get(admin, 'app-1')).resolves.toMatchObject({ id: 'app-1' });
    expect(await rejectionOf(sellers.get(user('boris'), 'app-1'), OrderException)).toMatchObject({
      code: 'SELLER_APPLICATION_NOT_FOUND',
    });
  });

  it('approves a pending application once, under its lock, and publishes the decision', async () => {
    const decide = vi.fn(
      (_tx: Tx, found: SellerApplicationEntity, decision: Partial<SellerApplicationEntity>) =>
        Promise.resolve(application({ ...decision, version: found.version + 1 })),
    );
    const add = vi.fn(() => Promise.resolve('event-2'));
    const sellers = service({ lock: () => Promise.resolve(application()), decide }, { add });
    const approved = await sellers.approve(admin, 'app-1', ' Welcome ', [1]);
    expect(approved).toMatchObject({ status: 'approved', reviewerId: 'admin-1', version: 2 });
    expect(add).toHaveBeenCalledWith(
      tx,
      'order.seller-application.approved.v1',
      'ann',
      expect.objectContaining({
        decision: 'approved',
        reviewerId: 'admin-1',
        message: 'Welcome',
        userId: 'ann',
      }),
    );
  });

  it('refuses deciding twice (409 naming the status), a stale If-Match (412) and a rejection without a message', async () => {
    const decided = service({ lock: () => Promise.resolve(application({ status: 'rejected', version: 2 })) });
    const twice = await rejectionOf(decided.approve(admin, 'app-1', undefined, undefined), OrderException);
    expect(twice).toMatchObject({ code: 'SELLER_APPLICATION_DECIDED', status: 409 });
    expect(twice.extras.extensions).toEqual({ applicationStatus: 'rejected' });
    const stale = service({ lock: () => Promise.resolve(application({ version: 3 })) });
    expect(await rejectionOf(stale.reject(admin, 'app-1', 'No', [2]), RequestException)).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect(await rejectionOf(stale.reject(admin, 'app-1', '  ', undefined), OrderException)).toMatchObject({
      code: 'EMPTY_TEXT',
    });
    const missing = service({ lock: () => Promise.resolve(null) });
    expect(
      await rejectionOf(missing.approve(admin, 'x', undefined, undefined), OrderException),
    ).toMatchObject({
      code: 'SELLER_APPLICATION_NOT_FOUND',
    });
  });

  it('records who is a seller from role changes, once each', async () => {
    const record = vi.fn(() => Promise.resolve());
    const consumeOnce = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
      apply(tx).then(() => true),
    );
    const sellers = service({}, {}, { record }, { consumeOnce });
    await sellers.onRoleChanged({
      id: 'e1',
      topic: 'auth.user.role-changed.v1',
      key: 'ann',
      occurredAt: '2026-11-30T10:00:00.000Z',
      payload: {
        userId: 'ann',
        role: 'seller',
        previousRole: 'user',
        changedBy: 'admin-1',
        changedAt: '2026-11-30T10:00:00.000Z',
        tokenVersion: 4,
        accessTokensExpireBy: '2026-11-30T10:15:00.000Z',
      },
    });
    expect(consumeOnce).toHaveBeenCalledWith('order.sellers', expect.anything(), expect.any(Function));
    expect(record).toHaveBeenCalledWith(tx, 'ann', true, 4);
  });
});
