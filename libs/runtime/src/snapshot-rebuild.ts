import type { ReadModelMarks, Tx, UnitOfWork } from '@agora/database';
import type { SnapshotPage } from './snapshot-pages.js';

/** A copy of another service's data that is rebuilt from its snapshot while its mark is not set. */
export interface SnapshotRebuild<Page extends SnapshotPage> {
  /** The copy's mark in `<schema>.read_model_state`. */
  readonly mark: string;
  readonly marks: ReadModelMarks;
  readonly unitOfWork: UnitOfWork;
  /** Every page of the snapshot, in order (read only after the rebuild's start was taken). */
  pages(): AsyncIterable<Page>;
  /**
   * Writes the page into the copy as item events would (newest version wins, tombstones stay), so that every item
   * of it counts as written now, whatever its version (rewritten, or marked seen where the same version is not
   * rewritten): in the page's transaction.
   */
  keep(tx: Tx, page: Page): Promise<void>;
  /**
   * Retires, as a deletion event would, every copied item neither seen by this rebuild nor written since
   * `startedAt` (by an event or a page): the snapshot no longer holds it. In the transaction that sets the mark.
   */
  retire(tx: Tx, startedAt: Date): Promise<void>;
}

/**
 * Unless the mark is set: takes the database's time as the rebuild's start, reads the snapshot page by page
 * into the copy (each page in a transaction; events that arrive meanwhile merge by version), then retires what
 * the snapshot no longer holds and sets the mark, in one transaction. Resolves with how many items it read (0
 * when the mark was set). Runs under the job's advisory lock (JobRunner), so one rebuild at a time.
 *
 * An item created while the rebuild runs may be missing from the snapshot (its page was read before it was),
 * but its event is applied after catalog committed it, so after the start: it counts as written since, and
 * stays. The start is truncated to the millisecond (the driver's `Date`), downwards: that only keeps more.
 */
export async function rebuildFromSnapshot<Page extends SnapshotPage>(
  rebuild: SnapshotRebuild<Page>,
): Promise<number> {
  if (await rebuild.marks.done(rebuild.mark)) {
    return 0;
  }
  const startedAt = await rebuild.unitOfWork.run(async (tx) => {
    const [row] = await tx.query<{ startedAt: Date }[]>(
      `SELECT date_trunc('milliseconds', clock_timestamp()) AS "startedAt"`,
    );
    return row.startedAt;
  });
  let read = 0;
  for await (const page of rebuild.pages()) {
    await rebuild.unitOfWork.run((tx) => rebuild.keep(tx, page));
    read += page.items.length;
  }
  await rebuild.unitOfWork.run(async (tx) => {
    await rebuild.retire(tx, startedAt);
    await rebuild.marks.markDone(tx, rebuild.mark);
  });
  return read;
}
