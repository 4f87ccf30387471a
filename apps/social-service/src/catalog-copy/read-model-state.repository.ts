import type { Tx } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The catalog copy's rebuild marker: its name in `read_model_state`. */
export const CATALOG_COPY_REBUILT = 'catalog-copy-rebuilt';

/** The only code that touches `social.read_model_state`: marks of one-off work done on the read models. */
@Injectable()
export class ReadModelStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async done(name: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM "social"."read_model_state" WHERE "name" = $1`,
      [name],
    );
    return rows.length > 0;
  }

  async markDone(tx: Tx, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO "social"."read_model_state" ("name") VALUES ($1) ON CONFLICT ("name") DO NOTHING`,
      [name],
    );
  }
}
