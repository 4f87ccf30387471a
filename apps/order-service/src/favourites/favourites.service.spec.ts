import type { Inbox, Tx } from '@agora/database';
import { actingUser, inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import { OrderException } from '../order.errors.js';
import type { FavouritesRepository } from './favourites.repository.js';
import { FAVOURITES_CONSUMER, FavouritesService } from './favourites.service.js';

const tx = {} as Tx;
const buyer = actingUser('ann');
const at = '2026-11-30T10:00:00.000Z';
const applyAt = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
  apply(tx).then(() => true),
);

function service(favourites: Partial<FavouritesRepository>, inbox: Partial<Inbox> = {}) {
  return new FavouritesService(
    strictMock<FavouritesRepository>('FavouritesRepository', favourites),
    inlineUnitOfWork(tx),
    strictMock<Inbox>('Inbox', inbox),
  );
}

describe('FavouritesService', () => {
  it('adds only a listing the offers read model has published, holding it against a deletion meanwhile', async () => {
    const holdListing = vi.fn(() => Promise.resolve(true));
    const add = vi.fn(() => Promise.resolve(true));
    await expect(service({ holdListing, add }).add(buyer, 'l1')).resolves.toBe(true);
    expect(holdListing).toHaveBeenCalledWith(tx, 'l1');
    expect(add).toHaveBeenCalledWith(tx, 'ann', 'l1');
    const unknown = service({ holdListing: () => Promise.resolve(false) });
    expect(await rejectionOf(unknown.add(buyer, 'l2'), OrderException)).toMatchObject({
      code: 'LISTING_NOT_FOUND',
      status: 404,
    });
  });

  it("drops a deleted account's favourites", async () => {
    const forgetBuyer = vi.fn(() => Promise.resolve());
    await service({ forgetBuyer }, { consumeOnce: applyAt }).onUserDeleted({
      id: 'e2',
      topic: 'auth.user.deleted.v1',
      key: 'ann',
      occurredAt: at,
      payload: { userId: 'ann', reason: 'deleted-by-user', deletedAt: at },
    });
    expect(applyAt).toHaveBeenCalledWith(
      FAVOURITES_CONSUMER,
      expect.objectContaining({ id: 'e2' }),
      expect.any(Function),
    );
    expect(forgetBuyer).toHaveBeenCalledWith(tx, 'ann');
  });
});
