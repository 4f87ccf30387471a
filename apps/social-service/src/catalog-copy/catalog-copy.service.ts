import { ReadModelMarks, UnitOfWork } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { GeneratedDecksService } from '../cotask/cards/generated-decks.service.js';
import { ReferencesRepository } from '../posts/references.repository.js';
import { CatalogSnapshotClient } from './catalog-snapshot.client.js';

/** The catalog copy's rebuild mark in `social.read_model_state`. */
export const CATALOG_COPY_REBUILT = 'catalog-copy-rebuilt';

/**
 * social-service's copy of the catalog (the items discussions and posts refer to, the facts of CoTask's
 * generated decks) is kept from catalog's item events; while it was never built, also from catalog's snapshot:
 * catalog's seed writes its rows without an event per item.
 */
@Injectable()
export class CatalogCopyService {
  constructor(
    private readonly marks: ReadModelMarks,
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshot: CatalogSnapshotClient,
    private readonly references: ReferencesRepository,
    private readonly generatedDecks: GeneratedDecksService,
  ) {}

  /**
   * Unless it was done before: reads catalog's snapshot page by page into the copy, as item events would write
   * it (each page in a transaction; events that arrive meanwhile merge by version), then marks it done. Resolves
   * with how many items it read (0 when it had been done).
   */
  async rebuildIfNeverBuilt(): Promise<number> {
    if (await this.marks.done(CATALOG_COPY_REBUILT)) {
      return 0;
    }
    let read = 0;
    for await (const page of this.snapshot.pages()) {
      await this.unitOfWork.run(async (tx) => {
        await this.references.upsertItems(tx, page.items);
        await this.generatedDecks.keep(tx, page.items);
      });
      read += page.items.length;
    }
    await this.unitOfWork.run((tx) => this.marks.markDone(tx, CATALOG_COPY_REBUILT));
    return read;
  }
}
