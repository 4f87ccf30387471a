import type pg from 'pg';

export interface SchemaColumn {
  readonly name: string;
  /** `format_type` of the column, e.g. `timestamp with time zone`, `character varying(120)`. */
  readonly type: string;
  readonly nullable: boolean;
}

export interface SchemaForeignKey {
  readonly columns: readonly string[];
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

export interface SchemaTable {
  readonly name: string;
  readonly columns: readonly SchemaColumn[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly SchemaForeignKey[];
  /** Unique constraints and unique indexes on plain columns; `partial` when the index has a WHERE. */
  readonly uniques: readonly { readonly columns: readonly string[]; readonly partial: boolean }[];
}

/** TypeORM's own bookkeeping, not part of the model. */
const BOOKKEEPING = new Set(['migrations', 'typeorm_metadata']);

/**
 * Tables, columns, primary, foreign and unique keys of one schema as PostgreSQL's catalog has them after the
 * migrations ran: what really exists, including tables no entity maps (outbox, inbox, search documents).
 */
export async function readSchema(client: pg.ClientBase, schema: string): Promise<SchemaTable[]> {
  const columns = await client.query<{ table: string; name: string; type: string; not_null: boolean }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const constraints = await client.query<{
    table: string;
    kind: 'p' | 'f' | 'u';
    columns: string[];
    ref_schema: string | null;
    ref_table: string | null;
    ref_columns: string[] | null;
  }>(
    `SELECT c.relname AS table, con.contype AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
            fn.nspname::text AS ref_schema, fc.relname::text AS ref_table,
            CASE WHEN con.contype = 'f' THEN
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)
            END AS ref_columns
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class fc ON fc.oid = con.confrelid
       LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE n.nspname = $1 AND con.contype IN ('p', 'f', 'u') AND NOT c.relispartition
      ORDER BY c.relname, con.contype, con.conname`,
    [schema],
  );
  // Unique indexes that back no constraint (TypeORM's @Index({ unique: true }), migrations' CREATE UNIQUE INDEX);
  // expression indexes (a zero in indkey) name no column and are left out.
  const uniqueIndexes = await client.query<{ table: string; columns: string[]; partial: boolean }>(
    `SELECT c.relname AS table, i.indpred IS NOT NULL AS partial,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND i.indisunique AND NOT i.indisprimary AND NOT c.relispartition
        AND NOT (0 = ANY (i.indkey::int2[]))
        AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
      ORDER BY c.relname, ic.relname`,
    [schema],
  );

  const tables = new Map<
    string,
    {
      columns: SchemaColumn[];
      primaryKey: string[];
      foreignKeys: SchemaForeignKey[];
      uniques: { columns: string[]; partial: boolean }[];
    }
  >();
  for (const row of columns.rows) {
    if (BOOKKEEPING.has(row.table)) {
      continue;
    }
    const table = tables.get(row.table) ?? { columns: [], primaryKey: [], foreignKeys: [], uniques: [] };
    table.columns.push({ name: row.name, type: row.type, nullable: !row.not_null });
    tables.set(row.table, table);
  }
  for (const row of constraints.rows) {
    const table = tables.get(row.table);
    if (!table) {
      continue;
    }
    if (row.kind === 'p') {
      table.primaryKey.push(...row.columns);
    } else if (row.kind === 'u') {
      table.uniques.push({ columns: row.columns, partial: false });
    } else {
      table.foreignKeys.push({
        columns: row.columns,
        refSchema: row.ref_schema ?? schema,
        refTable: row.ref_table ?? '',
        refColumns: row.ref_columns ?? [],
      });
    }
  }
  for (const row of uniqueIndexes.rows) {
    tables.get(row.table)?.uniques.push({ columns: row.columns, partial: row.partial });
  }
  return [...tables.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, table]) => ({
      name,
      ...table,
      foreignKeys: table.foreignKeys.sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
      uniques: table.uniques.sort(
        (a, b) => a.columns.join().localeCompare(b.columns.join()) || Number(a.partial) - Number(b.partial),
      ),
    }));
}
