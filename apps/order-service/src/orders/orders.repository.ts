import type { OrderActor, OrderStatus, PaymentMethod } from '@agora/contracts';
import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AddressSnapshotDto } from '../addresses/addresses.dto.js';
import type { PlannedOrder } from './checkout-pricing.js';
import { OrderLineEntity } from './order-line.entity.js';
import { OrderTransitionEntity } from './order-transition.entity.js';
import { OrderEntity } from './order.entity.js';

/** Whose orders a list shows. */
export type OrderListScope =
  | { readonly kind: 'buyer'; readonly userId: string }
  | { readonly kind: 'seller'; readonly userId: string }
  | { readonly kind: 'all' };

export interface NewOrder {
  readonly checkoutId: string;
  readonly buyerId: string;
  readonly paymentMethod: PaymentMethod;
  readonly address: AddressSnapshotDto;
  readonly plan: PlannedOrder;
}

export interface NewTransition {
  readonly orderId: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly actorId: string | null;
  readonly actorRole: OrderActor;
  readonly reason: string | null;
}

/** The only code that touches orders, their lines and their transitions (one aggregate). */
@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(tx: Tx, order: NewOrder): Promise<{ order: OrderEntity; lines: OrderLineEntity[] }> {
    const saved = await tx.save(
      OrderEntity,
      tx.create(OrderEntity, {
        id: newId(),
        checkoutId: order.checkoutId,
        buyerId: order.buyerId,
        sellerId: order.plan.sellerId,
        status: 'created',
        paymentMethod: order.paymentMethod,
        currency: order.plan.currency,
        totalMinor: order.plan.totalMinor,
        address: order.address,
        cancelReason: null,
        version: 1,
      }),
    );
    const lines = order.plan.lines.map((line) =>
      tx.create(OrderLineEntity, { id: newId(), orderId: saved.id, ...line }),
    );
    await tx.insert(OrderLineEntity, lines);
    return { order: saved, lines };
  }

  async addTransition(tx: Tx, transition: NewTransition): Promise<OrderTransitionEntity> {
    return tx.save(OrderTransitionEntity, tx.create(OrderTransitionEntity, { id: newId(), ...transition }));
  }

  find(id: string, tx: Tx = this.dataSource.manager): Promise<OrderEntity | null> {
    return tx.findOneBy(OrderEntity, { id });
  }

  lock(tx: Tx, id: string): Promise<OrderEntity | null> {
    return tx.findOne(OrderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(tx: Tx, order: OrderEntity): Promise<OrderEntity> {
    return tx.save(OrderEntity, order);
  }

  ofCheckout(checkoutId: string, tx: Tx = this.dataSource.manager): Promise<OrderEntity[]> {
    return tx.find(OrderEntity, { where: { checkoutId }, order: { id: 'ASC' } });
  }

  /** The orders' lines, by order id. */
  async linesOf(
    orderIds: readonly string[],
    tx: Tx = this.dataSource.manager,
  ): Promise<Map<string, OrderLineEntity[]>> {
    const byOrder = new Map<string, OrderLineEntity[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length > 0) {
      const lines = await tx.find(OrderLineEntity, {
        where: { orderId: In([...orderIds]) },
        order: { id: 'ASC' },
      });
      for (const line of lines) {
        byOrder.get(line.orderId)?.push(line);
      }
    }
    return byOrder;
  }

  transitionsOf(orderId: string, tx: Tx = this.dataSource.manager): Promise<OrderTransitionEntity[]> {
    return tx.find(OrderTransitionEntity, { where: { orderId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Card orders still waiting for their payment, placed before `before` (oldest first). */
  async awaitingPayment(before: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT "id" FROM "orders"."orders"
        WHERE "status" = 'created' AND "payment_method" = 'test_card' AND "created_at" < $1
        ORDER BY "created_at" LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  page(scope: OrderListScope, query: ParsedListQuery): Promise<Page<OrderEntity>> {
    const builder = this.dataSource.getRepository(OrderEntity).createQueryBuilder('order');
    if (scope.kind === 'buyer') {
      builder.where('order.buyerId = :userId', { userId: scope.userId });
    } else if (scope.kind === 'seller') {
      builder.where('order.sellerId = :userId', { userId: scope.userId });
    }
    return findPage(builder, query);
  }
}
