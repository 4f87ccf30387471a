import { Module } from '@nestjs/common';
import { CardsModule } from '../cotask/cards/cards.module.js';
import { PostsModule } from '../posts/posts.module.js';
import { CatalogCopyRebuildJob } from './catalog-copy-rebuild.job.js';
import { CatalogCopyService } from './catalog-copy.service.js';
import { CatalogSnapshotClient } from './catalog-snapshot.client.js';

/** The copy of the catalog rebuilt from catalog's snapshot while it was never built (its events keep it after). */
@Module({
  imports: [PostsModule, CardsModule],
  providers: [CatalogSnapshotClient, CatalogCopyService, CatalogCopyRebuildJob],
})
export class CatalogCopyModule {}
