import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SellerReportEntity } from './seller-report.entity.js';

export type NewSellerReport = Pick<SellerReportEntity, 'reporterId' | 'sellerId' | 'reason' | 'text'>;
export type SellerReportResolution = Pick<
  SellerReportEntity,
  'action' | 'moderatorId' | 'resolutionMessage' | 'resolvedAt'
>;

/** The only code that touches reports on sellers. */
@Injectable()
export class SellerReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the report unless the reporter has an open one on this seller (null then), however many meet. */
  async file(tx: Tx, report: NewSellerReport): Promise<SellerReportEntity | null> {
    const id = newId();
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(SellerReportEntity)
      .values({ id, ...report, status: 'open' })
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as unknown[]).length > 0 ? tx.findOneByOrFail(SellerReportEntity, { id }) : null;
  }

  find(id: string): Promise<SellerReportEntity | null> {
    return this.dataSource.manager.findOneBy(SellerReportEntity, { id });
  }

  /** The report, locked until the transaction ends (its resolution). */
  lock(tx: Tx, id: string): Promise<SellerReportEntity | null> {
    return tx.findOne(SellerReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Records the resolution of the (locked) open report, one version up. */
  async resolve(
    tx: Tx,
    report: SellerReportEntity,
    resolution: SellerReportResolution,
  ): Promise<SellerReportEntity> {
    await tx.update(
      SellerReportEntity,
      { id: report.id },
      { ...resolution, status: 'resolved', version: report.version + 1 },
    );
    return tx.findOneByOrFail(SellerReportEntity, { id: report.id });
  }

  /** The moderators' queue, by the list query. */
  list(query: ParsedListQuery): Promise<Page<SellerReportEntity>> {
    return findPage(this.dataSource.getRepository(SellerReportEntity).createQueryBuilder('report'), query);
  }
}
