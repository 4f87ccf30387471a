import { Controller } from '@nestjs/common';
import { CatalogItemController } from '../items/catalog-item.controller.js';
import { PatchWatchDto, WATCH_LIST_QUERY, WatchDto, WatchInputDto, WatchPageDto } from './watch.dto.js';
import { WatchesService } from './watches.service.js';

/** Seed 002 watches: `/watches` (the gateway maps `/watch` here too). */
@Controller('watches')
export class WatchesController extends CatalogItemController({
  tag: 'watches',
  kind: WatchesService,
  dto: WatchDto,
  page: WatchPageDto,
  createInput: WatchInputDto,
  patchInput: PatchWatchDto,
  listQuery: WATCH_LIST_QUERY,
  subject: 'watch',
  writeErrors: ['UNKNOWN_MECHANISM', 'WATCH_EXISTS'],
  deleteErrors: [],
}) {}
