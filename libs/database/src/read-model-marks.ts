import { CreateDateColumn, Entity, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';

/**
 * `<schema>.read_model_state`: marks of one-off work done on a service's read models, e.g. a copy rebuilt once
 * from another service's snapshot. Services that keep such a mark list the entity and create the table.
 */
@Entity({ name: 'read_model_state' })
export class ReadModelStateEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'done_at', type: 'timestamptz' })
  doneAt!: Date;
}

/** The only code that reads and writes a service's read-model marks (`<schema>.read_model_state`). */
export class ReadModelMarks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async done(name: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM "${this.schema}"."read_model_state" WHERE "name" = $1`,
      [name],
    );
    return rows.length > 0;
  }

  /** Marks the work done, in the transaction that finishes it (again: nothing changes). */
  async markDone(tx: EntityManager, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.schema}"."read_model_state" ("name") VALUES ($1) ON CONFLICT ("name") DO NOTHING`,
      [name],
    );
  }

  /** Forgets the mark, so the work runs again (e.g. after a seed wrote rows without events). */
  async clear(name: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "${this.schema}"."read_model_state" WHERE "name" = $1`, [name]);
  }
}
