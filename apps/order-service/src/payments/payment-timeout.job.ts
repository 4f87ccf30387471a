import { UnitOfWork } from '@agora/database';
import { JobRunner, type ScheduledJob } from '@agora/runtime';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrderConfig } from '../order.config.js';
import { OrdersRepository } from '../orders/orders.repository.js';
import { OrdersService } from '../orders/orders.service.js';
import { PaymentsService } from './payments.service.js';

/** Orders one run looks at, at most (the next run takes the rest). */
const BATCH = 200;

export interface PaymentTimeoutRun {
  readonly cancelled: number;
  readonly refunded: number;
}

/**
 * Every ORDER_PAYMENT_SWEEP_MS, and once at start (so orders that timed out while order-service was down go
 * at once), in one replica at a time: cancels card orders still `created` ORDER_PAYMENT_TIMEOUT_MS after
 * checkout (actor `system`), whose units catalog then gives back (the stock saga), and refunds money captured for orders that
 * were cancelled meanwhile. Each order is re-read under its row lock, so one paid a moment ago stays paid.
 */
@Injectable()
export class PaymentTimeoutJob implements ScheduledJob<PaymentTimeoutRun>, OnModuleInit {
  static readonly NAME = 'order.payment-timeout';
  readonly name = PaymentTimeoutJob.NAME;
  readonly everyMs: number;
  readonly runAtStart = true;
  private readonly timeoutMs: number;

  constructor(
    private readonly jobs: JobRunner,
    private readonly orders: OrdersRepository,
    private readonly orderMoves: OrdersService,
    private readonly payments: PaymentsService,
    private readonly unitOfWork: UnitOfWork,
    config: OrderConfig,
  ) {
    this.everyMs = config.ORDER_PAYMENT_SWEEP_MS;
    this.timeoutMs = config.ORDER_PAYMENT_TIMEOUT_MS;
  }

  onModuleInit(): void {
    this.jobs.register(this);
  }

  async run(): Promise<PaymentTimeoutRun> {
    const before = new Date(Date.now() - this.timeoutMs);
    let cancelled = 0;
    for (const id of await this.orders.awaitingPayment(before, BATCH)) {
      const done = await this.unitOfWork.run(async (tx) => {
        const order = await this.orders.lock(tx, id);
        if (
          !order ||
          order.status !== 'created' ||
          order.paymentMethod !== 'test_card' ||
          order.createdAt >= before
        ) {
          return false;
        }
        await this.orderMoves.moveAs(
          tx,
          order,
          'cancelled',
          'system',
          `not paid within ${Math.round(this.timeoutMs / 1000)} s of checkout`,
        );
        return true;
      });
      cancelled += done ? 1 : 0;
    }
    const refunded = await this.payments.refundCancelled(BATCH);
    return { cancelled, refunded };
  }
}
