import type { Tx } from '@agora/database';
import { ListSource, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import { CheckinCommentEntity } from './checkin-comment.entity.js';

/** Comments under check-ins. */
@Injectable()
export class CheckinCommentsRepository {
  private readonly list: ListSource<CheckinCommentEntity>;

  constructor(dataSource: DataSource) {
    this.list = new ListSource<CheckinCommentEntity>(dataSource, CheckinCommentEntity, { alias: 'comment' });
  }

  page(checkinId: string, query: ParsedListQuery): Promise<Page<CheckinCommentEntity>> {
    return this.list.page(query, [{ field: 'checkinId', operator: 'eq', value: checkinId }]);
  }

  build(tx: Tx, values: DeepPartial<CheckinCommentEntity>): CheckinCommentEntity {
    return tx.create(CheckinCommentEntity, values);
  }

  save(tx: Tx, comment: CheckinCommentEntity): Promise<CheckinCommentEntity> {
    return tx.save(comment);
  }

  lock(tx: Tx, id: string): Promise<CheckinCommentEntity | null> {
    return tx.findOne(CheckinCommentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(CheckinCommentEntity, { id });
  }
}
