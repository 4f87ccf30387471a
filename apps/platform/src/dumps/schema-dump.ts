import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * A schema's data as this platform writes it (docs/adr/0017-database-dumps.md): needs no pg_dump of the server's
 * major, only a connection. A gzipped text file of lines:
 * 1. a JSON header: format, service, schema, the migrations applied (oldest first), and each table's columns;
 * 2. per table, in foreign-key order: a JSON line naming it, its rows as COPY's text format (one row a line), `\.`;
 * 3. a JSON trailer: each table's row count and each sequence's value.
 */
export const DUMP_FORMAT = 'agora-schema-dump';
export const DUMP_VERSION = 1;

/** The migrations table: written by the migrations the restore runs, never part of the data. */
const MIGRATIONS_TABLE = 'migrations';

export interface DumpTable {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface DumpHeader {
  readonly format: typeof DUMP_FORMAT;
  readonly version: typeof DUMP_VERSION;
  readonly service: string;
  readonly schema: string;
  readonly migrations: readonly string[];
  readonly createdAt: string;
  /** The server it was taken from (`SHOW server_version`), for the record. */
  readonly server: string;
  readonly tables: readonly DumpTable[];
}

export interface DumpSequence {
  readonly name: string;
  readonly value: string;
  readonly isCalled: boolean;
}

export interface DumpTrailer {
  readonly end: true;
  readonly rows: Readonly<Record<string, number>>;
  readonly sequences: readonly DumpSequence[];
}

export interface DumpSummary {
  readonly header: DumpHeader;
  readonly trailer: DumpTrailer;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The schema's ordinary tables but the migrations table, each after the tables its foreign keys point to. */
async function tablesInOrder(client: pg.ClientBase, schema: string): Promise<DumpTable[]> {
  const { rows: tables } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> $2
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      GROUP BY c.relname
      ORDER BY c.relname`,
    [schema, MIGRATIONS_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE k.contype = 'f' AND n.nspname = $1 AND parent.relnamespace = child.relnamespace
        AND child.oid <> parent.oid`,
    [schema],
  );
  const parents = new Map<string, Set<string>>(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) {
    parents.get(child)?.add(parent);
  }
  const ordered: DumpTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(tables.map((table) => [table.name, table]));
  const place = (name: string): void => {
    if (placed.has(name) || visiting.has(name)) {
      // A cycle of foreign keys: the restore checks none of them until commit (replica role), so any order does.
      return;
    }
    visiting.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) {
      place(parent);
    }
    visiting.delete(name);
    placed.add(name);
    const table = byName.get(name);
    if (table) {
      ordered.push({ name: table.name, columns: table.columns });
    }
  };
  for (const table of tables) {
    place(table.name);
  }
  return ordered;
}

async function sequencesOf(client: pg.ClientBase, schema: string): Promise<DumpSequence[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
                         WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND t.relname = $2)
      ORDER BY c.relname`,
    [schema, MIGRATIONS_TABLE],
  );
  const sequences: DumpSequence[] = [];
  for (const { name } of rows) {
    const {
      rows: [state],
    } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quote(schema)}.${quote(name)}`,
    );
    sequences.push({ name, value: state.last_value, isCalled: state.is_called });
  }
  return sequences;
}

async function appliedMigrations(client: pg.ClientBase, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ present: string | null }>(`SELECT to_regclass($1) AS present`, [
    `${quote(schema)}.${quote(MIGRATIONS_TABLE)}`,
  ]);
  if (rows[0].present === null) {
    return [];
  }
  const migrations = await client.query<{ name: string }>(
    `SELECT "name" FROM ${quote(schema)}.${quote(MIGRATIONS_TABLE)} ORDER BY "id"`,
  );
  return migrations.rows.map((row) => row.name);
}

/** Writes a line (or a chunk) and waits while the stream's buffer is full. */
async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) {
    await once(stream, 'drain');
  }
}

/**
 * Dumps one schema into `file`, from one REPEATABLE READ snapshot (every table as of one moment), over the
 * connection `client` (the schema's owner or a superuser).
 */
export async function dumpSchema(
  client: pg.ClientBase,
  service: string,
  schema: string,
  file: string,
): Promise<DumpSummary> {
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  written.catch(() => undefined);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const migrations = await appliedMigrations(client, schema);
    if (migrations.length === 0) {
      throw new Error(`schema ${schema} has no migrations applied: nothing to dump`);
    }
    const {
      rows: [{ server_version: server }],
    } = await client.query<{ server_version: string }>('SHOW server_version');
    const tables = await tablesInOrder(client, schema);
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      service,
      schema,
      migrations,
      createdAt: new Date().toISOString(),
      server,
      tables,
    };
    await write(gzip, `${JSON.stringify(header)}\n`);
    const rows: Record<string, number> = {};
    for (const table of tables) {
      await write(gzip, `${JSON.stringify({ table: table.name })}\n`);
      const copy = client.query(
        copyTo(
          `COPY ${quote(schema)}.${quote(table.name)} (${table.columns.map(quote).join(', ')}) TO STDOUT`,
        ),
      );
      for await (const chunk of copy) {
        await write(gzip, chunk as Buffer);
      }
      rows[table.name] = copy.rowCount;
      await write(gzip, '\\.\n');
    }
    // Read after the rows: a sequence is never behind a value the dump holds.
    const trailer: DumpTrailer = { end: true, rows, sequences: await sequencesOf(client, schema) };
    await write(gzip, `${JSON.stringify(trailer)}\n`);
    await client.query('COMMIT');
    gzip.end();
    await written;
    return { header, trailer };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    throw error;
  }
}

/** The lines of a dump file, one by one. */
function dumpLines(file: string): AsyncIterator<string> & { close(): void } {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  return Object.assign(iterator, { close: () => lines.close() });
}

async function nextLine(lines: AsyncIterator<string>, what: string): Promise<string> {
  const next = await lines.next();
  if (next.done) {
    throw new Error(`the dump ends before ${what}: the file is cut short`);
  }
  return next.value;
}

function parseJson<T>(line: string, what: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`the dump's ${what} is not JSON: not a dump of this platform, or damaged`);
  }
}

/** Reads only a dump's header: which service and schema it holds, at which migration. */
export async function readDumpHeader(file: string): Promise<DumpHeader> {
  const lines = dumpLines(file);
  try {
    const header = parseJson<DumpHeader>(await nextLine(lines, 'its header'), 'header');
    if (header.format !== DUMP_FORMAT || header.version !== DUMP_VERSION) {
      throw new Error(`not a ${DUMP_FORMAT} v${DUMP_VERSION} file`);
    }
    return header;
  } finally {
    lines.close();
  }
}

export interface RestoreOptions {
  /** Empty the schema's tables first; without it a schema that holds any row is refused. */
  readonly force: boolean;
}

/**
 * Loads a dump into its schema, which must exist at the dump's migrations (the caller migrates it), in one
 * transaction on a superuser connection: triggers and foreign-key checks off for it (`session_replication_role =
 * replica`, so trigger-kept tables are loaded as dumped, not counted twice), every table by COPY, row counts
 * checked against the trailer, sequences set. Anything wrong rolls it all back.
 */
export async function restoreSchema(
  client: pg.ClientBase,
  file: string,
  options: RestoreOptions,
): Promise<DumpSummary> {
  const lines = dumpLines(file);
  try {
    const header = parseJson<DumpHeader>(await nextLine(lines, 'its header'), 'header');
    if (header.format !== DUMP_FORMAT || header.version !== DUMP_VERSION) {
      throw new Error(`not a ${DUMP_FORMAT} v${DUMP_VERSION} file`);
    }
    const { schema } = header;
    await client.query('BEGIN');
    try {
      const applied = await appliedMigrations(client, schema);
      if (JSON.stringify(applied) !== JSON.stringify(header.migrations)) {
        throw new Error(
          `schema ${schema} is at migration ${applied.at(-1) ?? '(none)'}, the dump at ${header.migrations.at(-1)}: ` +
            'restore with the code that made the dump, then migrate',
        );
      }
      const present = await tablesInOrder(client, schema);
      const presentColumns = new Map(present.map((table) => [table.name, table.columns.join(',')]));
      for (const table of header.tables) {
        if (presentColumns.get(table.name) !== table.columns.join(',')) {
          throw new Error(
            `table ${schema}.${table.name} differs from the dump's: columns ${table.columns.join(', ')}`,
          );
        }
      }
      await client.query(`SET LOCAL session_replication_role = replica`);
      // Nothing writes the schema's tables until this commits: a non-empty check that stays true.
      const names = present.map((table) => `${quote(schema)}.${quote(table.name)}`);
      if (names.length > 0) {
        await client.query(`LOCK TABLE ${names.join(', ')} IN ACCESS EXCLUSIVE MODE`);
      }
      const holding: string[] = [];
      for (const table of present) {
        const { rowCount } = await client.query(
          `SELECT 1 FROM ${quote(schema)}.${quote(table.name)} LIMIT 1`,
        );
        if (rowCount) {
          holding.push(table.name);
        }
      }
      if (holding.length > 0) {
        if (!options.force) {
          throw new RestoreRefusedError(
            `schema ${schema} is not empty (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''} hold rows); ` +
              'restore into an empty schema, or pass --force to replace its data',
          );
        }
        await client.query(`TRUNCATE ${names.join(', ')}`);
      }
      const rows: Record<string, number> = {};
      for (const table of header.tables) {
        const section = parseJson<{ table?: string }>(
          await nextLine(lines, `table ${table.name}`),
          'table line',
        );
        if (section.table !== table.name) {
          throw new Error(`the dump holds table ${section.table} where ${table.name} was announced`);
        }
        const copy = client.query(
          copyFrom(
            `COPY ${quote(schema)}.${quote(table.name)} (${table.columns.map(quote).join(', ')}) FROM STDIN`,
          ),
        );
        const finished = once(copy, 'finish');
        finished.catch(() => undefined);
        for (;;) {
          const line = await nextLine(lines, `the end of table ${table.name}`);
          if (line === '\\.') {
            break;
          }
          await write(copy, `${line}\n`);
        }
        copy.end();
        await finished;
        rows[table.name] = copy.rowCount;
      }
      const trailer = parseJson<DumpTrailer>(await nextLine(lines, 'its trailer'), 'trailer');
      if (trailer.end !== true) {
        throw new Error('the dump has no trailer: the file is cut short');
      }
      for (const table of header.tables) {
        if (rows[table.name] !== trailer.rows[table.name]) {
          throw new Error(
            `table ${table.name}: ${rows[table.name]} rows loaded, the dump says ${trailer.rows[table.name]}`,
          );
        }
      }
      for (const sequence of trailer.sequences) {
        await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
          `${quote(schema)}.${quote(sequence.name)}`,
          sequence.value,
          sequence.isCalled,
        ]);
      }
      await client.query('COMMIT');
      return { header, trailer };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    lines.close();
  }
}

/** A restore that would overwrite data without --force. */
export class RestoreRefusedError extends Error {}
