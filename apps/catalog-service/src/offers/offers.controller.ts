import { CATALOG_OFFER_SNAPSHOT_PATH, type OfferSnapshotPageV1 } from '@agora/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SnapshotQueryDto } from '../items/snapshot-page.js';
import { OffersService } from './offers.service.js';

/**
 * Service to service: order-service rebuilds what can be bought from this snapshot when it starts empty.
 * The gateway routes no `/internal` path, so clients never reach it; it is left out of the public API docs.
 */
@ApiExcludeController()
@Controller(CATALOG_OFFER_SNAPSHOT_PATH.slice(1))
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  page(@Query() query: SnapshotQueryDto): Promise<OfferSnapshotPageV1> {
    return this.offers.page(query.cursor, query.limit);
  }
}
