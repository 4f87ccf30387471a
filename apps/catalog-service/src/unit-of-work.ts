import { inTransaction } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A transaction: what repositories take to write together (TypeORM's EntityManager, by another name). */
export type Tx = EntityManager;

/**
 * Runs a service's work in one transaction (retried once when PostgreSQL aborts it for a deadlock or a
 * serialization failure): the one way catalog services open transactions; repositories do the rest.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
