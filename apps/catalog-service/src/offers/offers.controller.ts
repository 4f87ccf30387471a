import {
  CATALOG_OFFER_SNAPSHOT_PATH,
  OFFER_SNAPSHOT_MAX_LIMIT,
  type OfferSnapshotPageV1,
} from '@agora/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OffersService } from './offers.service.js';

export class OfferSnapshotQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OFFER_SNAPSHOT_MAX_LIMIT)
  limit = 500;
}

/**
 * Service to service: order-service rebuilds what can be bought from this snapshot when it starts empty.
 * The gateway routes no `/internal` path, so clients never reach it; it is left out of the public API docs.
 */
@ApiExcludeController()
@Controller(CATALOG_OFFER_SNAPSHOT_PATH.slice(1))
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  page(@Query() query: OfferSnapshotQueryDto): Promise<OfferSnapshotPageV1> {
    return this.offers.page(query.cursor, query.limit);
  }
}
