import type { AuthenticatedUser } from '@agora/auth';
import { OrderTopics, type OrderActor, type OrderStatus } from '@agora/contracts';
import { OutboxWriter, UnitOfWork, type Tx } from '@agora/database';
import { assertVersionMatches, type ExpectedVersions } from '@agora/http';
import { type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { toAddressSnapshot, type AddressInputDto } from '../addresses/addresses.dto.js';
import { OrderErrorCode, OrderException } from '../order.errors.js';
import { assertTransition, beforeShipping, nextStatuses } from './order-status.js';
import type { OrderEntity } from './order.entity.js';
import { toOrderDto, type OrderDto, type OrderPageDto, type OrderScope } from './orders.dto.js';
import { OrdersRepository, type OrderListScope } from './orders.repository.js';

const orderNotFound = (id: string) =>
  new OrderException(OrderErrorCode.ORDER_NOT_FOUND, `No order ${id} that you may see`);

const adminsOnly = (what: string) => new OrderException(OrderErrorCode.ADMINS_ONLY, `Only admins ${what}`);

/** The caller's part in the order: admin, its seller or its buyer; null for anyone else (who gets a 404). */
export function partOf(
  user: AuthenticatedUser,
  order: Pick<OrderEntity, 'buyerId' | 'sellerId'>,
): OrderActor | null {
  if (user.role === 'admin') {
    return 'admin';
  }
  if (order.sellerId !== null && order.sellerId === user.id) {
    return 'seller';
  }
  return order.buyerId === user.id ? 'buyer' : null;
}

/** A step taken, as its event tells it. */
interface Step {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly actorId: string | null;
  readonly actor: OrderActor;
  readonly reason: string | null;
}

/** What an edit asks of an order: a new status (through the machine), a new address (before shipping). */
export interface OrderEdit {
  readonly status?: OrderStatus;
  readonly address?: AddressInputDto;
  readonly reason?: string;
}

/**
 * Orders after checkout: who sees which (buyers theirs, sellers theirs, admins all; anyone else a 404),
 * and every change through the status machine under the order's row lock, recorded with who and when and
 * published as `order.order.status-changed.v1`. catalog follows the events: it sells the units of an order
 * paid (or issued, cash on delivery) and gives back those of an order ended before shipping.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(
    user: AuthenticatedUser,
    as: OrderScope | undefined,
    query: ParsedListQuery,
  ): Promise<OrderPageDto> {
    const scope = this.scopeOf(user, as);
    const page = await this.orders.page(scope, query);
    const lines = await this.orders.linesOf(page.items.map((order) => order.id));
    return { ...page, items: page.items.map((order) => toOrderDto(order, lines.get(order.id) ?? [])) };
  }

  async get(user: AuthenticatedUser, id: string): Promise<OrderDto> {
    const order = await this.orders.find(id);
    if (!order || !partOf(user, order)) {
      throw orderNotFound(id);
    }
    return this.describe(order);
  }

  /** Moves the order to `status` as the caller's part in it allows. */
  changeStatus(
    user: AuthenticatedUser,
    id: string,
    status: OrderStatus,
    reason: string | undefined,
    expected: ExpectedVersions,
  ): Promise<OrderDto> {
    return this.edit(user, id, { status, reason }, expected);
  }

  /** An admin's edit (seed 001 PUT/PATCH /order/:id): the status through the machine, the address before shipping. */
  adminEdit(
    user: AuthenticatedUser,
    id: string,
    edit: OrderEdit,
    expected: ExpectedVersions,
  ): Promise<OrderDto> {
    if (user.role !== 'admin') {
      return this.hiddenOrRefused(user, id, 'replace or edit an order');
    }
    return this.edit(user, id, edit, expected);
  }

  /** An admin's DELETE: the order is cancelled with the reason and kept for audit. */
  async adminDelete(
    user: AuthenticatedUser,
    id: string,
    reason: string | undefined,
    expected: ExpectedVersions,
  ): Promise<void> {
    if (user.role !== 'admin') {
      await this.hiddenOrRefused(user, id, 'delete an order');
      return;
    }
    await this.edit(user, id, { status: 'cancelled', reason: reason || 'deleted by an admin' }, expected);
  }

  /**
   * The stock saga's compensation: catalog could not hold the order's units, so order-service cancels it with
   * the reason, in the caller's transaction. Resolves with false, changing nothing, when the order is unknown,
   * ended already, or past cancelling (shipped).
   */
  async cancelAsSystem(tx: Tx, id: string, reason: string): Promise<boolean> {
    const order = await this.orders.lock(tx, id);
    if (!order || !nextStatuses(order).includes('cancelled')) {
      return false;
    }
    await this.moveAs(tx, order, 'cancelled', 'system', reason);
    return true;
  }

  private async edit(
    user: AuthenticatedUser,
    id: string,
    edit: OrderEdit,
    expected: ExpectedVersions,
  ): Promise<OrderDto> {
    const order = await this.unitOfWork.run(async (tx) => {
      const locked = await this.orders.lock(tx, id);
      const part = locked ? partOf(user, locked) : null;
      if (!locked || !part) {
        throw orderNotFound(id);
      }
      assertVersionMatches(expected, locked.version);
      let changed = false;
      let step: Step | null = null;
      if (edit.address) {
        if (!beforeShipping(locked.status)) {
          throw new OrderException(
            OrderErrorCode.ILLEGAL_TRANSITION,
            `The order is ${locked.status}: its address no longer changes`,
            { extensions: { currentStatus: locked.status } },
          );
        }
        locked.address = toAddressSnapshot(edit.address);
        changed = true;
      }
      if (edit.status && edit.status !== locked.status) {
        step = await this.transition(tx, locked, edit.status, user.id, part, edit.reason ?? null);
        changed = true;
      }
      if (changed) {
        locked.version += 1;
        await this.orders.save(tx, locked);
      }
      if (step) {
        await this.publish(tx, locked, step);
      }
      return locked;
    });
    return this.describe(order);
  }

  /**
   * A move by the payment provider (a verified webhook) or by order-service itself (the payment timeout), in
   * the caller's transaction on the order it has locked: through the machine, recorded and published as any.
   */
  async moveAs(
    tx: Tx,
    order: OrderEntity,
    to: OrderStatus,
    actor: 'provider' | 'system',
    reason: string,
  ): Promise<void> {
    const step = await this.transition(tx, order, to, null, actor, reason);
    order.version += 1;
    await this.orders.save(tx, order);
    await this.publish(tx, order, step);
  }

  /**
   * Checks and records the step. The units come back through catalog (the stock saga): it releases what it
   * holds for an order ended before shipping, and its answer ends the order's holds here.
   */
  private async transition(
    tx: Tx,
    order: OrderEntity,
    to: OrderStatus,
    actorId: string | null,
    actor: OrderActor,
    reason: string | null,
  ): Promise<Step> {
    assertTransition(order, to, actor);
    const from = order.status;
    if (to === 'cancelled') {
      order.cancelReason = reason;
    }
    order.status = to;
    await this.orders.addTransition(tx, { orderId: order.id, from, to, actorId, actorRole: actor, reason });
    return { from, to, actorId, actor, reason };
  }

  /** The step's event, with the order's version after the change. */
  private async publish(tx: Tx, order: OrderEntity, step: Step): Promise<void> {
    await this.outbox.add(tx, OrderTopics.OrderStatusChanged, order.id, {
      orderId: order.id,
      buyerId: order.buyerId,
      sellerId: order.sellerId,
      from: step.from,
      to: step.to,
      actorId: step.actorId,
      actorRole: step.actor,
      reason: step.reason,
      version: order.version,
      changedAt: new Date().toISOString(),
    });
  }

  private async describe(order: OrderEntity): Promise<OrderDto> {
    const [lines, transitions] = await Promise.all([
      this.orders.linesOf([order.id]),
      this.orders.transitionsOf(order.id),
    ]);
    return toOrderDto(order, lines.get(order.id) ?? [], transitions);
  }

  /** A non-admin's admin route: 404 for an order they do not see (never 403), 403 for one they do. */
  private async hiddenOrRefused(user: AuthenticatedUser, id: string, what: string): Promise<never> {
    const order = await this.orders.find(id);
    if (!order || !partOf(user, order)) {
      throw orderNotFound(id);
    }
    throw adminsOnly(what);
  }

  private scopeOf(user: AuthenticatedUser, as: OrderScope | undefined): OrderListScope {
    const scope = as ?? (user.role === 'admin' ? 'all' : 'buyer');
    if (scope === 'all') {
      if (user.role !== 'admin') {
        throw adminsOnly('list every order');
      }
      return { kind: 'all' };
    }
    return { kind: scope, userId: user.id };
  }
}
