import { CATALOG_ITEM_SNAPSHOT_PATH, type ItemSnapshotPageV1 } from '@agora/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SnapshotQueryDto } from '../items/snapshot-page.js';
import { ItemSnapshotService } from './item-snapshot.service.js';

/**
 * Service to service: social-service rebuilds its copy of the catalog from this snapshot when it never had one.
 * The gateway routes no `/internal` path, so clients never reach it; it is left out of the public API docs.
 */
@ApiExcludeController()
@Controller(CATALOG_ITEM_SNAPSHOT_PATH.slice(1))
export class ItemSnapshotController {
  constructor(private readonly items: ItemSnapshotService) {}

  @Get()
  page(@Query() query: SnapshotQueryDto): Promise<ItemSnapshotPageV1> {
    return this.items.page(query.cursor, query.limit);
  }
}
