import { newId } from '@agora/database';
import type { EntityManager } from 'typeorm';

/** The demo data's author and sellers (auth-service users are another service's; these are stand-ins). */
export const SEED_USER = '00000000-0000-7000-8000-000000000001';
export const SELLERS = Array.from(
  { length: 50 },
  (_, index) => `00000000-0000-7000-8000-${String(index + 100).padStart(12, '0')}`,
);

const CHUNK = 5_000;

/** A small deterministic generator: the same seed gives the same catalog. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SeedColumn = readonly [name: string, type: string, expression?: string];

/** What every part of the seed shares: the transaction, one random sequence, the dictionary, the counts. */
export class SeedContext {
  readonly counts: Record<string, number> = {};
  private readonly dictionary = new Map<string, string>();
  readonly next = random(20261127);

  /** The service's schema, from its DataSource: the seed names no schema itself. */
  readonly schema: string;

  constructor(readonly manager: EntityManager) {
    this.schema = (manager.connection.options as { schema?: string }).schema ?? 'public';
  }

  /** A table of the service's schema, quoted for SQL. */
  table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Remembers a dictionary value's id under its kind and name; returns the id. */
  remember(kind: string, name: string): string {
    const id = newId();
    this.dictionary.set(`${kind}:${name}`, id);
    return id;
  }

  /** The id of a dictionary value the seed created. */
  id(kind: string, name: string): string {
    const id = this.dictionary.get(`${kind}:${name}`);
    if (!id) {
      throw new Error(`the seed has no ${kind} value ${name}`);
    }
    return id;
  }

  /** Inserts rows in chunks through unnest: one statement per 5 000 rows, values always bound. */
  async insert(table: string, columns: readonly SeedColumn[], rows: readonly unknown[][]): Promise<void> {
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    const aliases = columns.map((_, index) => `c${index}`);
    const selected = columns.map(
      ([, , expression], index) => expression?.replace('$', aliases[index]) ?? aliases[index],
    );
    const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await this.manager.query(
        `INSERT INTO ${this.table(table)} (${names}) SELECT ${selected.join(', ')} FROM unnest(${unnest}) AS t(${aliases.join(', ')})`,
        columns.map((_, index) => chunk.map((row) => row[index])),
      );
    }
  }
}
