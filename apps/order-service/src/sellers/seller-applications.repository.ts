import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SellerApplicationEntity } from './seller-application.entity.js';

/** What an applicant sends, cleaned. */
export type NewSellerApplication = Pick<
  SellerApplicationEntity,
  'userId' | 'shopName' | 'description' | 'contactEmail' | 'contactPhone' | 'website'
>;

/** A decision on a pending application. */
export type SellerApplicationDecision = Pick<
  SellerApplicationEntity,
  'status' | 'reviewerId' | 'decisionMessage' | 'decidedAt'
>;

/** The only code that touches seller applications. */
@Injectable()
export class SellerApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the application unless the user has a pending one (the partial unique index decides, however
   * many submissions meet); null then.
   */
  async submit(tx: Tx, application: NewSellerApplication): Promise<SellerApplicationEntity | null> {
    const id = newId();
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(SellerApplicationEntity)
      .values({ id, ...application, status: 'pending' })
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as unknown[]).length > 0
      ? tx.findOneByOrFail(SellerApplicationEntity, { id })
      : null;
  }

  find(id: string): Promise<SellerApplicationEntity | null> {
    return this.dataSource.manager.findOneBy(SellerApplicationEntity, { id });
  }

  /** The application, locked until the transaction ends (a decision). */
  lock(tx: Tx, id: string): Promise<SellerApplicationEntity | null> {
    return tx.findOne(SellerApplicationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Records the decision on the (locked) application, one version up. */
  async decide(
    tx: Tx,
    application: SellerApplicationEntity,
    decision: SellerApplicationDecision,
  ): Promise<SellerApplicationEntity> {
    await tx.update(
      SellerApplicationEntity,
      { id: application.id },
      { ...decision, version: application.version + 1 },
    );
    return tx.findOneByOrFail(SellerApplicationEntity, { id: application.id });
  }

  /** Admins' queue (oldest first by default), by the list query. */
  list(query: ParsedListQuery): Promise<Page<SellerApplicationEntity>> {
    const builder = this.dataSource.getRepository(SellerApplicationEntity).createQueryBuilder('application');
    return findPage(builder, query);
  }
}
