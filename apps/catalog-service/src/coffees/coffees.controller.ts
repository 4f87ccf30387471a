import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CatalogItemController } from '../items/catalog-item.controller.js';
import {
  BarcodeParamDto,
  COFFEE_LIST_QUERY,
  CoffeeDto,
  CoffeeInputDto,
  CoffeePageDto,
  PatchCoffeeDto,
} from './coffee.dto.js';
import { CoffeesService } from './coffees.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** Seed 000 coffee cards: `/coffees` (the gateway maps `/coffee` here too). */
@Controller('coffees')
export class CoffeesController extends CatalogItemController({
  tag: 'coffees',
  kind: CoffeesService,
  dto: CoffeeDto,
  page: CoffeePageDto,
  createInput: CoffeeInputDto,
  patchInput: PatchCoffeeDto,
  listQuery: COFFEE_LIST_QUERY,
  subject: 'coffee',
  writeErrors: ['BARCODE_TAKEN'],
  deleteErrors: [],
}) {
  /**
   * The coffee whose pack carries this EAN-8, UPC-A or EAN-13; an unknown (valid) code answers 404 with
   * `draftTemplate`, the fields to start a proposal from; a wrong check digit answers 400.
   */
  @Get('barcode/:barcode')
  @ApiOkResponse({ type: CoffeeDto })
  @ApiCatalogErrors('VALIDATION_FAILED', 'COFFEE_NOT_FOUND')
  byBarcode(@Param() { barcode }: BarcodeParamDto): Promise<CoffeeDto> {
    return (this.kind as CoffeesService).getByBarcode(barcode);
  }
}
