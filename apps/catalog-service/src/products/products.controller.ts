import { UuidParam, UuidQuery } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  PatchProductDto,
  PRODUCT_LIST_QUERY,
  ProductDto,
  ProductInputDto,
  ProductPageDto,
} from './product.dto.js';

import { ProductsService } from './products.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { EditRoutesController } from '../items/edit-routes.controller.js';

/** Seed 001 Product-management: `/products` (the gateway maps `/product` here too). */
@ApiTags('products')
@Controller('products')
export class ProductsController extends EditRoutesController({
  service: ProductsService,
  dto: ProductDto,
  createInput: ProductInputDto,
  patchInput: PatchProductDto,
  creators: ['admin'],
  editors: ['admin'],
  notFound: 'PRODUCT_NOT_FOUND',
  writeErrors: ['VALIDATION_FAILED', 'UNKNOWN_CATEGORY', 'UNKNOWN_SOLD_ITEM'],
}) {
  @Get()
  @ApiListQuery(PRODUCT_LIST_QUERY)
  @ApiQuery({ name: 'categoryId', required: false, description: 'Only products in this category' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  list(
    @ListQuery(PRODUCT_LIST_QUERY) query: ParsedListQuery,
    @UuidQuery('categoryId') categoryId?: string,
  ): Promise<ProductPageDto> {
    return this.service.list(query, categoryId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductDto })
  @ApiCatalogErrors('PRODUCT_NOT_FOUND')
  get(@UuidParam('id') id: string): Promise<ProductDto> {
    return this.service.get(id);
  }
}
