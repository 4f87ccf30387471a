import type { AuthenticatedUser } from '@agora/auth';
import type { EventEnvelope } from '@agora/contracts';
import type { Inbox, Tx } from '@agora/database';
import { inlineUnitOfWork, rejectionOf, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import { OrderException } from '../order.errors.js';
import type { FavouritesRepository } from './favourites.repository.js';
import { FavouritesService } from './favourites.service.js';

const tx = {} as Tx;
const buyer: AuthenticatedUser = { id: 'ann', role: 'user', sessionId: 's', tokenVersion: 0 };
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

const itemEvent = <T extends 'catalog.item.created.v1' | 'catalog.item.deleted.v1'>(
  topic: T,
  payload: EventEnvelope<T>['payload'],
): EventEnvelope<T> => ({ id: 'e1', topic, key: 'l1', occurredAt: at, payload });

describe('FavouritesService', () => {
  it('adds only a listing it knows, holding it against a deletion meanwhile', async () => {
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

  it('keeps listings from catalog events and ignores other kinds', async () => {
    const upsertListing = vi.fn(() => Promise.resolve());
    const favourites = service({ upsertListing }, { consumeOnce: applyAt });
    await favourites.onItemChanged(
      itemEvent('catalog.item.created.v1', {
        kind: 'listing',
        itemId: 'l1',
        name: 'Grinder',
        version: 2,
        changedBy: 'sam',
        changedAt: at,
      }),
    );
    expect(upsertListing).toHaveBeenCalledWith(tx, 'l1', 'Grinder', 2);
    await favourites.onItemChanged(
      itemEvent('catalog.item.created.v1', {
        kind: 'coffee',
        itemId: 'c1',
        name: 'Kenya',
        version: 1,
        changedBy: 'sam',
        changedAt: at,
      }),
    );
    expect(upsertListing).toHaveBeenCalledTimes(1);
  });

  it("drops a deleted listing's favourites", async () => {
    const deleteListing = vi.fn(() => Promise.resolve());
    await service({ deleteListing }, { consumeOnce: applyAt }).onItemDeleted(
      itemEvent('catalog.item.deleted.v1', {
        kind: 'listing',
        itemId: 'l1',
        deletedBy: 'sam',
        deletedAt: at,
      }),
    );
    expect(deleteListing).toHaveBeenCalledWith(tx, 'l1');
  });
});
