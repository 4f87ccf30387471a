import type { EventEnvelope } from '@agora/contracts';
import type { Inbox, ReadModelMarks, Tx } from '@agora/database';
import { inlineUnitOfWork, strictMock } from '@agora/testing';
import { describe, expect, it, vi } from 'vitest';
import type { FavouritesRepository } from '../favourites/favourites.repository.js';
import type { CatalogSnapshotClient } from './catalog-snapshot.client.js';
import type { OffersRepository } from './offers.repository.js';
import { OFFERS_CONSUMER, OffersService } from './offers.service.js';

const tx = {} as Tx;
const at = '2026-11-30T10:00:00.000Z';

const deletion = (kind: 'listing' | 'product' | 'coffee'): EventEnvelope<'catalog.item.deleted.v1'> => ({
  id: `e-${kind}`,
  topic: 'catalog.item.deleted.v1',
  key: 'i1',
  occurredAt: at,
  payload: { kind, itemId: 'i1', deletedBy: 'sam', deletedAt: at },
});

describe('OffersService deletions', () => {
  const setUp = () => {
    const consumeOnce = vi.fn((_consumer: string, _event: unknown, apply: (tx: Tx) => Promise<void>) =>
      apply(tx).then(() => true),
    );
    const remove = vi.fn(() => Promise.resolve());
    const forgetListing = vi.fn(() => Promise.resolve());
    const offers = new OffersService(
      strictMock<OffersRepository>('OffersRepository', { remove }),
      strictMock<Inbox>('Inbox', { consumeOnce }),
      inlineUnitOfWork(tx),
      strictMock<CatalogSnapshotClient>('CatalogSnapshotClient', {}),
      strictMock<FavouritesRepository>('FavouritesRepository', { forgetListing }),
      strictMock<ReadModelMarks>('ReadModelMarks', {}),
    );
    return { offers, consumeOnce, remove, forgetListing };
  };

  it("leaves a listing's tombstone and drops its favourites in the one inbox transaction", async () => {
    const { offers, consumeOnce, remove, forgetListing } = setUp();
    await offers.onItemDeleted(deletion('listing'));
    expect(consumeOnce).toHaveBeenCalledTimes(1);
    expect(consumeOnce).toHaveBeenCalledWith(OFFERS_CONSUMER, expect.anything(), expect.any(Function));
    expect(remove).toHaveBeenCalledWith(tx, 'i1', 'listing');
    expect(forgetListing).toHaveBeenCalledWith(tx, 'i1');
  });

  it("leaves a product's tombstone without touching favourites, and ignores kinds not for sale", async () => {
    const { offers, consumeOnce, remove, forgetListing } = setUp();
    await offers.onItemDeleted(deletion('product'));
    expect(remove).toHaveBeenCalledWith(tx, 'i1', 'product');
    expect(forgetListing).not.toHaveBeenCalled();
    await offers.onItemDeleted(deletion('coffee'));
    expect(consumeOnce).toHaveBeenCalledTimes(1);
  });
});
