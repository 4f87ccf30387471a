import { newId, type Tx } from '@agora/database';
import { findPage, type Page, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AddressEntity } from './address.entity.js';
import type { SaveAddressDto } from './addresses.dto.js';

/** The only code that touches address books. */
@Injectable()
export class AddressesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Holds the user's address book until the transaction ends (its size is checked before an insert). */
  async lockBook(tx: Tx, userId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('orders.addresses:' || $1, 0))`, [userId]);
  }

  count(tx: Tx, userId: string): Promise<number> {
    return tx.countBy(AddressEntity, { userId });
  }

  create(tx: Tx, userId: string, fields: SaveAddressDto): Promise<AddressEntity> {
    return tx.save(AddressEntity, tx.create(AddressEntity, { id: newId(), userId, ...fields, version: 1 }));
  }

  find(userId: string, id: string, tx: Tx = this.dataSource.manager): Promise<AddressEntity | null> {
    return tx.findOneBy(AddressEntity, { id, userId });
  }

  lock(tx: Tx, userId: string, id: string): Promise<AddressEntity | null> {
    return tx.findOne(AddressEntity, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  save(tx: Tx, address: AddressEntity): Promise<AddressEntity> {
    return tx.save(AddressEntity, address);
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(AddressEntity, { id });
  }

  page(userId: string, query: ParsedListQuery): Promise<Page<AddressEntity>> {
    const builder = this.dataSource
      .getRepository(AddressEntity)
      .createQueryBuilder('address')
      .where('address.userId = :userId', { userId });
    return findPage(builder, query);
  }
}
