import { Controller } from '@nestjs/common';
import { CatalogItemController } from '../items/catalog-item.controller.js';
import {
  MECHANISM_LIST_QUERY,
  MechanismDto,
  MechanismInputDto,
  MechanismPageDto,
  PatchMechanismDto,
} from './mechanism.dto.js';
import { MechanismsService } from './mechanisms.service.js';

/** Seed 002 mechanisms: `/mechanisms` (the gateway maps `/mechanism` here too). */
@Controller('mechanisms')
export class MechanismsController extends CatalogItemController({
  tag: 'mechanisms',
  kind: MechanismsService,
  dto: MechanismDto,
  page: MechanismPageDto,
  createInput: MechanismInputDto,
  patchInput: PatchMechanismDto,
  listQuery: MECHANISM_LIST_QUERY,
  subject: 'mechanism',
  writeErrors: ['MECHANISM_EXISTS'],
  deleteErrors: ['MECHANISM_IN_USE'],
}) {}
