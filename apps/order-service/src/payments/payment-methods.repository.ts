import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentMethodEntity } from './payment-method.entity.js';

export type NewPaymentMethod = Pick<
  PaymentMethodEntity,
  'userId' | 'provider' | 'providerToken' | 'brand' | 'last4' | 'expMonth' | 'expYear'
>;

/** The only code that touches saved payment methods. */
@Injectable()
export class PaymentMethodsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Holds the user's saved methods until the transaction ends: a count and the insert it guards run alone. */
  async lockUser(tx: Tx, userId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('orders.payment_methods:' || $1, 0))`, [
      userId,
    ]);
  }

  async count(tx: Tx, userId: string): Promise<number> {
    return tx.countBy(PaymentMethodEntity, { userId });
  }

  /** Saves the method; a token the user saved already gives that method back (`created` false). */
  async add(tx: Tx, method: NewPaymentMethod): Promise<{ method: PaymentMethodEntity; created: boolean }> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO "orders"."payment_methods"
         ("id", "user_id", "provider", "provider_token", "brand", "last4", "exp_month", "exp_year")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("user_id", "provider", "provider_token") DO NOTHING RETURNING "id"`,
      [
        newId(),
        method.userId,
        method.provider,
        method.providerToken,
        method.brand,
        method.last4,
        method.expMonth,
        method.expYear,
      ],
    );
    if (rows.length > 0) {
      return { method: await tx.findOneByOrFail(PaymentMethodEntity, { id: rows[0].id }), created: true };
    }
    return {
      method: await tx.findOneByOrFail(PaymentMethodEntity, {
        userId: method.userId,
        provider: method.provider,
        providerToken: method.providerToken,
      }),
      created: false,
    };
  }

  /** The user's method with this id; someone else's is not found. */
  find(userId: string, id: string, tx: Tx = this.dataSource.manager): Promise<PaymentMethodEntity | null> {
    return tx.findOneBy(PaymentMethodEntity, { id, userId });
  }

  /** Removes the user's method; false when the user has none with this id. */
  async remove(userId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(PaymentMethodEntity, { id, userId });
    return (result.affected ?? 0) > 0;
  }

  page(userId: string, query: ParsedListQuery): Promise<Page<PaymentMethodEntity>> {
    const builder = this.dataSource
      .getRepository(PaymentMethodEntity)
      .createQueryBuilder('method')
      .where('method.userId = :userId', { userId });
    return findPage(builder, query);
  }
}
