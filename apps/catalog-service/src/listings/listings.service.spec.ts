import type { AuthenticatedUser } from '@agora/auth';
import { describe, expect, it, vi } from 'vitest';
import { strictMock } from '@agora/testing';
import type { DictionariesService } from '../dictionaries/dictionaries.service.js';
import type { CatalogItemStore, EditOptions } from '../items/catalog-item.store.js';
import { directChange } from '../moderation/item-editor.js';
import type { PhotosRepository } from '../photos/photos.repository.js';
import type { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import { ListingEntity, type ListingStatus } from './listing.entity.js';
import type { ListingsRepository } from './listings.repository.js';
import type { SoldItemsRepository } from '../items/sold-item.js';
import { ListingsService } from './listings.service.js';

const tx = strictMock<Tx>('tx');
const seller = { id: 'seller-1', role: 'seller' } as AuthenticatedUser;
const stranger = { id: 'buyer-1', role: 'user' } as AuthenticatedUser;
const moderator = { id: 'moderator-1', role: 'moderator' } as AuthenticatedUser;

function listing(status: ListingStatus, values: Partial<ListingEntity> = {}): ListingEntity {
  return Object.assign(new ListingEntity(), {
    id: 'listing-1',
    sellerId: seller.id,
    title: 'Poljot 2614',
    description: null,
    price: '120.00',
    currency: 'EUR',
    characteristics: [],
    status,
    publishedAt: null,
    soldAt: null,
    version: 1,
    ...values,
  });
}

/** The listings service with every collaborator mocked; `store.update` only records what it was given. */
function setUp() {
  const update = vi.fn<CatalogItemStore['update']>(() => Promise.resolve('listing-1'));
  const store = strictMock<CatalogItemStore>('store', { update });
  const repository = strictMock<ListingsRepository>('listings', {});
  const service = new ListingsService(
    repository,
    strictMock<DictionariesService>('dictionaries'),
    strictMock<PhotosRepository>('photos'),
    strictMock<SearchIndex>('search'),
    store,
    strictMock<SoldItemsRepository>('soldItems'),
  );
  return { service, update };
}

describe('ListingsService status workflow', () => {
  const { service } = setUp();
  // Without a coffee or watch link the assignment is synchronous (nothing to look up).
  const move = (from: ListingEntity, status: ListingStatus): void => {
    void service.assign(tx, from, { status }, false);
  };

  it('publishes a draft, stamping when it was first published', () => {
    const draft = listing('draft');
    move(draft, 'active');
    expect(draft.status).toBe('active');
    expect(draft.publishedAt).toBeInstanceOf(Date);

    const first = new Date('2026-01-01T00:00:00Z');
    const relisted = listing('archived', { publishedAt: first });
    move(relisted, 'active');
    expect(relisted.publishedAt).toBe(first);
  });

  it('sells an active listing, stamping the sale', () => {
    const active = listing('active', { publishedAt: new Date() });
    move(active, 'sold');
    expect(active).toMatchObject({ status: 'sold', soldAt: expect.any(Date) as Date });
  });

  it('refuses a move its status does not allow, naming the moves it does', () => {
    for (const [from, to, allowed] of [
      ['sold', 'active', 'archived'],
      ['draft', 'sold', 'active, archived'],
      ['archived', 'sold', 'draft, active'],
    ] as const) {
      const item = listing(from);
      expect(() => move(item, to)).toThrow(
        expect.objectContaining({
          code: 'INVALID_STATUS_TRANSITION',
          extras: { errors: [{ field: 'status', messages: [`allowed from ${from}: ${allowed}`] }] },
        }) as Error,
      );
      expect(item.status).toBe(from);
    }
  });

  it('leaves the status alone when it is sent unchanged or not at all', () => {
    const sold = listing('sold', { soldAt: new Date('2026-02-02T00:00:00Z') });
    move(sold, 'sold');
    void service.assign(tx, sold, { title: 'Poljot 2614.2H' }, false);
    expect(sold).toMatchObject({
      status: 'sold',
      title: 'Poljot 2614.2H',
      soldAt: new Date('2026-02-02T00:00:00Z'),
    });
  });

  it('starts every new listing as a draft of its seller', () => {
    expect(service.newItem(directChange(seller.id))).toEqual({ sellerId: seller.id, status: 'draft' });
  });
});

describe('ListingsService edits', () => {
  /** The check the write path runs on the locked row before changing it. */
  async function checkOf(user: AuthenticatedUser): Promise<(listing: ListingEntity) => void> {
    const { service, update } = setUp();
    await service.update(user, 'listing-1', { title: 'x' }, false, [1]).catch(() => undefined);
    const options = update.mock.calls[0][5] as EditOptions<ListingEntity>;
    expect(options.expected).toEqual([1]);
    return options.check ?? (() => undefined);
  }

  it('lets the seller and moderators change a listing in any status', async () => {
    for (const user of [seller, moderator]) {
      const check = await checkOf(user);
      for (const status of ['draft', 'active', 'sold', 'archived'] as const) {
        expect(() => check(listing(status))).not.toThrow();
      }
    }
  });

  it("answers someone else's public listing with 403 and a hidden one with 404", async () => {
    const check = await checkOf(stranger);
    expect(() => check(listing('active'))).toThrow(
      expect.objectContaining({ code: 'NOT_YOUR_LISTING' }) as Error,
    );
    expect(() => check(listing('draft'))).toThrow(
      expect.objectContaining({ code: 'LISTING_NOT_FOUND' }) as Error,
    );
  });
});
