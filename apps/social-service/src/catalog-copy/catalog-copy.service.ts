import { ReadModelMarks, UnitOfWork } from '@agora/database';
import { rebuildFromSnapshot } from '@agora/runtime';
import { Injectable } from '@nestjs/common';
import { GeneratedDecksService } from '../cotask/cards/generated-decks.service.js';
import { PostsRepository } from '../posts/posts.repository.js';
import { ReferencesRepository } from '../posts/references.repository.js';
import { CatalogSnapshotClient } from './catalog-snapshot.client.js';

/** The catalog copy's rebuild mark in `social.read_model_state`. */
export const CATALOG_COPY_REBUILT = 'catalog-copy-rebuilt';

/**
 * social-service's copy of the catalog (the items discussions and posts refer to, the facts of CoTask's
 * generated decks) is kept from catalog's item events; while it was never built, also from catalog's snapshot:
 * catalog's seed writes its rows without an event per item (and its reset removes them without one).
 */
@Injectable()
export class CatalogCopyService {
  constructor(
    private readonly marks: ReadModelMarks,
    private readonly unitOfWork: UnitOfWork,
    private readonly snapshot: CatalogSnapshotClient,
    private readonly references: ReferencesRepository,
    private readonly posts: PostsRepository,
    private readonly generatedDecks: GeneratedDecksService,
  ) {}

  /**
   * Unless it was done before: reads catalog's snapshot page by page into the copy, as item events would write
   * it (each page in a transaction; events that arrive meanwhile merge by version); then retires the items it
   * did not see that no event wrote since it started, as their deletion events would (tombstones, their
   * activity posts and generated cards go), and marks it done. Resolves with how many items it read (0 when it
   * had been done).
   */
  rebuildIfNeverBuilt(): Promise<number> {
    return rebuildFromSnapshot({
      mark: CATALOG_COPY_REBUILT,
      marks: this.marks,
      unitOfWork: this.unitOfWork,
      pages: () => this.snapshot.pages(),
      keep: async (tx, page) => {
        await this.references.upsertItems(tx, page.items);
        await this.references.markItemsSeen(
          tx,
          page.items.map((item) => item.itemId),
        );
        await this.generatedDecks.keep(tx, page.items);
      },
      retire: async (tx, startedAt) => {
        const retired = await this.references.retireItemsUnseenSince(tx, startedAt);
        await this.posts.removeActivitiesOf(tx, retired);
        await this.generatedDecks.forget(tx, retired);
      },
    });
  }
}
