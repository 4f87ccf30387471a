import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam, UuidQuery } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  PatchProductDto,
  PRODUCT_LIST_QUERY,
  ProductDto,
  ProductInputDto,
  ProductPageDto,
} from './product.dto.js';

import { ProductsService } from './products.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** Seed 001 Product-management: `/products` (the gateway maps `/product` here too). */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @ApiListQuery(PRODUCT_LIST_QUERY)
  @ApiQuery({ name: 'categoryId', required: false, description: 'Only products in this category' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiCatalogErrors('VALIDATION_FAILED')
  list(
    @ListQuery(PRODUCT_LIST_QUERY) query: ParsedListQuery,
    @UuidQuery('categoryId') categoryId?: string,
  ): Promise<ProductPageDto> {
    return this.products.list(query, categoryId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductDto })
  @ApiCatalogErrors('PRODUCT_NOT_FOUND')
  get(@UuidParam('id') id: string): Promise<ProductDto> {
    return this.products.get(id);
  }

  @Post()
  @ApiCatalogErrors('VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiCreatedResponse({ type: ProductDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: ProductInputDto): Promise<ProductDto> {
    return this.products.create(user, dto);
  }

  @Put(':id')
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiOkResponse({ type: ProductDto })
  @ApiConditionalWrite()
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ProductInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProductDto> {
    return this.products.update(user, id, dto, true, expected);
  }

  @Patch(':id')
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiOkResponse({ type: ProductDto })
  @ApiConditionalWrite()
  patch(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchProductDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProductDto> {
    return this.products.update(user, id, dto, false, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('PRODUCT_NOT_FOUND')
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.products.delete(user, id, expected);
  }
}
