import {
  StockTopics,
  type CatalogOfferV1,
  type EventEnvelope,
  type OrderCreatedV1,
  type OrderStatusChangedV1,
  type StockItemKind,
  type StockItemV1,
  type StockProblemV1,
} from '@agora/contracts';
import { Inbox, OutboxWriter, type Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { ItemEvents } from '../items/item-events.js';
import type { ListingEntity } from '../listings/listing.entity.js';
import { ListingsRepository } from '../listings/listings.repository.js';
import { listingOffer, productOffer } from '../offers/offer.js';
import type { ProductEntity } from '../products/product.entity.js';
import { ProductsRepository } from '../products/products.repository.js';
import { PurchasesService } from '../purchases/purchases.service.js';
import { SearchIndex } from '../search/search-index.js';
import { StockHoldEntity } from './stock-hold.entity.js';
import type { StockOrderEntity, StockOutcome } from './stock-order.entity.js';
import { StockRepository } from './stock.repository.js';

/** The inbox consumer name of order-service's order events in catalog-service. */
export const STOCK_CONSUMER = 'catalog.stock';

/** States an order leaves before it ships: ended from one of them, its units come back. */
const BEFORE_SHIPPING: readonly string[] = ['created', 'paid', 'in_stock'];

/** What a status change asks of the order's units: sold once paid (or issued, cash on delivery), back once ended early. */
export function outcomeOf(change: Pick<OrderStatusChangedV1, 'from' | 'to'>): StockOutcome | null {
  if (change.to === 'paid' || change.to === 'issued') {
    return 'sold';
  }
  if (change.to === 'cancelled' || (change.to === 'refunded' && BEFORE_SHIPPING.includes(change.from))) {
    return 'released';
  }
  return null;
}

/**
 * What a status change says of the order's purchases: bought once issued, taken back once refunded after issue;
 * null for any other change.
 */
export function purchaseOf(change: Pick<OrderStatusChangedV1, 'from' | 'to'>): boolean | null {
  if (change.to === 'issued') {
    return true;
  }
  return change.to === 'refunded' && change.from === 'issued' ? false : null;
}

/** One order line, summed per item. */
interface Wanted {
  readonly kind: StockItemKind;
  readonly itemId: string;
  readonly quantity: number;
  readonly title: string;
}

/** The items an order names, locked in a stable order (products, then listings, each by id). */
interface Locked {
  readonly products: Map<string, ProductEntity>;
  readonly listings: Map<string, ListingEntity>;
}

/** Why a line cannot be held now; null when it can. */
export function problemOf(line: Wanted, locked: Locked): StockProblemV1 | null {
  const problem = (reason: StockProblemV1['reason'], left: number | null = null): StockProblemV1 => ({
    kind: line.kind,
    itemId: line.itemId,
    reason,
    left,
  });
  if (line.kind === 'product') {
    const product = locked.products.get(line.itemId);
    if (!product) {
      return problem('not_found');
    }
    if (!product.available) {
      return problem('not_on_sale');
    }
    return product.stock !== null && product.stock < line.quantity
      ? problem('out_of_stock', product.stock)
      : null;
  }
  const listing = locked.listings.get(line.itemId);
  if (!listing) {
    return problem('not_found');
  }
  if (listing.status === 'reserved' || listing.status === 'sold') {
    return problem('out_of_stock', 0);
  }
  if (listing.status !== 'active') {
    return problem('not_on_sale');
  }
  return line.quantity > 1 ? problem('out_of_stock', 1) : null;
}

const describeProblem = (problem: StockProblemV1, title: string): string =>
  problem.reason === 'out_of_stock'
    ? `${title}: only ${problem.left} left`
    : problem.reason === 'not_on_sale'
      ? `${title}: not on sale now`
      : `${title}: no longer in the catalog`;

/**
 * catalog's side of the stock saga with order-service (docs/adr/0013-stock-saga.md). For each order placed it
 * holds every unit or none, under row locks taken in a stable order: a product with stock gives units, a
 * listing becomes `reserved`; then it answers `catalog.stock.reserved.v1` or `.rejected.v1`. Once the order
 * is paid (or issued, cash on delivery) its listings are `sold`; once it is cancelled or refunded before
 * shipping its units come back, once (`catalog.stock.released.v1`). Every change to an item bumps its
 * version and writes its item event with the new offer, so order-service's read model follows. Each event is
 * applied once (inbox), in one transaction with its effects and answers (outbox).
 */
@Injectable()
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly products: ProductsRepository,
    private readonly listings: ListingsRepository,
    private readonly search: SearchIndex,
    private readonly events: ItemEvents,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
    private readonly purchases: PurchasesService,
  ) {}

  async onOrderCreated(event: EventEnvelope<'order.order.created.v1'>): Promise<void> {
    await this.inbox.consumeOnce(STOCK_CONSUMER, event, (tx) => this.hold(tx, event.payload));
  }

  async onOrderStatusChanged(event: EventEnvelope<'order.order.status-changed.v1'>): Promise<void> {
    const outcome = outcomeOf(event.payload);
    const bought = purchaseOf(event.payload);
    if (!outcome && bought === null) {
      return;
    }
    await this.inbox.consumeOnce(STOCK_CONSUMER, event, (tx) =>
      this.follow(tx, event.payload, outcome, bought),
    );
  }

  /** Holds every line of the order, or none; then applies what its statuses asked for meanwhile. */
  private async hold(tx: Tx, placed: OrderCreatedV1): Promise<void> {
    const order = await this.stock.claim(tx, placed.orderId, placed.buyerId);
    if (order.state !== 'unseen') {
      return;
    }
    const wanted = linesOf(placed);
    const locked = await this.lock(tx, wanted);
    const problems = wanted
      .map((line) => ({ line, problem: problemOf(line, locked) }))
      .filter((found): found is { line: Wanted; problem: StockProblemV1 } => found.problem !== null);
    if (problems.length > 0) {
      order.state = 'rejected';
      await this.stock.save(tx, order);
      await this.outbox.add(tx, StockTopics.StockRejected, order.orderId, {
        orderId: order.orderId,
        problems: problems.map(({ problem }) => problem),
        reason: problems.map(({ line, problem }) => describeProblem(problem, line.title)).join('; '),
        rejectedAt: new Date().toISOString(),
      });
      return;
    }
    const holds: StockHoldEntity[] = [];
    const items: StockItemV1[] = [];
    for (const line of wanted) {
      const hold = Object.assign(new StockHoldEntity(), {
        orderId: order.orderId,
        itemId: line.itemId,
        kind: line.kind,
        quantity: line.quantity,
        counted: false,
      });
      if (line.kind === 'product') {
        const product = locked.products.get(line.itemId)!;
        if (product.stock !== null) {
          product.stock -= line.quantity;
          hold.counted = true;
          await this.changeProduct(tx, product, order.buyerId, order.orderId);
        }
        items.push(stockItem(line, productOffer(product), product.version));
      } else {
        const listing = locked.listings.get(line.itemId)!;
        listing.status = 'reserved';
        await this.changeListing(tx, listing, order.buyerId, order.orderId);
        items.push(stockItem(line, listingOffer(listing), listing.version));
      }
      holds.push(hold);
    }
    await this.stock.addHolds(tx, holds);
    order.state = 'held';
    await this.outbox.add(tx, StockTopics.StockReserved, order.orderId, {
      orderId: order.orderId,
      items,
      reservedAt: new Date().toISOString(),
    });
    await this.settle(tx, order, order.buyerId);
    if (order.issued) {
      await this.purchases.bought(tx, order.orderId, order.buyerId, holds);
    }
    await this.stock.save(tx, order);
  }

  /**
   * Records what the status asks of the order's units and applies it when the units are held; and whether its
   * buyer has bought its items (issued, or refunded after issue), recorded as purchases once the units are held.
   */
  private async follow(
    tx: Tx,
    change: OrderStatusChangedV1,
    outcome: StockOutcome | null,
    bought: boolean | null,
  ): Promise<void> {
    const order = await this.stock.claim(tx, change.orderId, change.buyerId);
    if (outcome && order.outcome !== 'released' && order.outcome !== outcome) {
      order.outcome = outcome;
      await this.settle(tx, order, change.actorId ?? change.buyerId);
    }
    if (bought !== null && order.issued !== bought) {
      order.issued = bought;
      if (!bought) {
        await this.purchases.returned(tx, order.orderId);
      } else if (order.state === 'held' || order.state === 'sold') {
        await this.purchases.bought(
          tx,
          order.orderId,
          order.buyerId,
          await this.stock.holdsOf(tx, order.orderId),
        );
      }
    }
    await this.stock.save(tx, order);
  }

  /** Moves held units where the order's outcome says: listings sold, or every unit back (once). */
  private async settle(tx: Tx, order: StockOrderEntity, by: string): Promise<void> {
    if (order.outcome === 'sold' && order.state === 'held') {
      await this.sell(tx, order, by);
      order.state = 'sold';
    } else if (order.outcome === 'released' && (order.state === 'held' || order.state === 'sold')) {
      await this.release(tx, order, by);
      order.state = 'released';
    }
  }

  private async sell(tx: Tx, order: StockOrderEntity, by: string): Promise<void> {
    const holds = await this.stock.holdsOf(tx, order.orderId);
    const listingIds = holds.filter((hold) => hold.kind === 'listing').map((hold) => hold.itemId);
    for (const listing of await this.listings.lockAll(tx, listingIds)) {
      if (listing.status === 'reserved') {
        listing.status = 'sold';
        listing.soldAt = new Date();
        await this.changeListing(tx, listing, by);
      }
    }
  }

  private async release(tx: Tx, order: StockOrderEntity, by: string): Promise<void> {
    const holds = await this.stock.holdsOf(tx, order.orderId);
    const locked = await this.lock(tx, holds);
    const items: StockItemV1[] = [];
    for (const hold of holds) {
      if (hold.kind === 'product') {
        const product = locked.products.get(hold.itemId);
        if (!product) {
          continue;
        }
        if (hold.counted && product.stock !== null) {
          product.stock += hold.quantity;
          await this.changeProduct(tx, product, by);
        }
        items.push(stockItem(hold, productOffer(product), product.version));
      } else {
        const listing = locked.listings.get(hold.itemId);
        if (!listing) {
          continue;
        }
        if (listing.status === 'reserved' || listing.status === 'sold') {
          listing.status = 'active';
          listing.soldAt = null;
          await this.changeListing(tx, listing, by);
        }
        items.push(stockItem(hold, listingOffer(listing), listing.version));
      }
    }
    if (items.length > 0) {
      await this.outbox.add(tx, StockTopics.StockReleased, order.orderId, {
        orderId: order.orderId,
        items,
        releasedAt: new Date().toISOString(),
      });
    }
  }

  /** The products, then the listings, each locked in id order. */
  private async lock(
    tx: Tx,
    lines: readonly { readonly kind: StockItemKind; readonly itemId: string }[],
  ): Promise<Locked> {
    const idsOf = (kind: StockItemKind) =>
      lines.filter((line) => line.kind === kind).map((line) => line.itemId);
    const products = await this.products.lockAll(tx, idsOf('product'));
    const listings = await this.listings.lockAll(tx, idsOf('listing'));
    return {
      products: new Map(products.map((product) => [product.id, product])),
      listings: new Map(listings.map((listing) => [listing.id, listing])),
    };
  }

  private async changeProduct(tx: Tx, product: ProductEntity, by: string, heldFor?: string): Promise<void> {
    product.version += 1;
    await this.products.save(tx, product);
    await this.events.stockChanged(tx, 'product', product, product.name, by, productOffer(product), heldFor);
  }

  private async changeListing(tx: Tx, listing: ListingEntity, by: string, heldFor?: string): Promise<void> {
    listing.version += 1;
    await this.listings.save(tx, listing);
    await this.search.refresh(tx, 'listing', [listing.id]);
    await this.events.stockChanged(tx, 'listing', listing, listing.title, by, listingOffer(listing), heldFor);
  }
}

/** The order's lines summed per item (a checkout names each item once; a hostile producer might not). */
function linesOf(order: OrderCreatedV1): Wanted[] {
  const byItem = new Map<string, Wanted>();
  for (const line of order.lines) {
    const seen = byItem.get(line.itemId);
    byItem.set(line.itemId, {
      kind: line.kind,
      itemId: line.itemId,
      title: line.title,
      quantity: (seen?.quantity ?? 0) + line.quantity,
    });
  }
  return [...byItem.values()].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

const stockItem = (
  line: { readonly kind: StockItemKind; readonly itemId: string; readonly quantity: number },
  offer: CatalogOfferV1,
  version: number,
): StockItemV1 => ({
  kind: line.kind,
  itemId: line.itemId,
  quantity: line.quantity,
  status: offer.status,
  stock: offer.stock,
  version,
});
