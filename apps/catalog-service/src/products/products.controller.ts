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
import { AttachPhotoDto, PhotoDto } from '../photos/photo.dto.js';
import { PhotosService } from '../photos/photos.service.js';
import { ProductsService } from './products.service.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { ATTACH_PHOTO_ERRORS, DETACH_PHOTO_ERRORS } from '../photos/photo.dto.js';

/** Seed 001 Product-management: `/products` (the gateway maps `/product` here too). */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly photos: PhotosService,
  ) {}

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

  @Get(':id/photos')
  @ApiOkResponse({ type: [PhotoDto] })
  @ApiCatalogErrors('PRODUCT_NOT_FOUND')
  photosOf(@UuidParam('id') id: string): Promise<PhotoDto[]> {
    return this.photos.list('product', id);
  }

  /** An admin puts one of their own media on the menu item under a side (one main per product). */
  @Put(':id/photos/:mediaId')
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', ...ATTACH_PHOTO_ERRORS)
  @Authenticated('admin')
  @ApiOkResponse({ type: [PhotoDto] })
  attachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @Body() dto: AttachPhotoDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PhotoDto[]> {
    return this.photos.attach('product', id, mediaId, dto, user);
  }

  @Delete(':id/photos/:mediaId')
  @HttpCode(204)
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', ...DETACH_PHOTO_ERRORS)
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Detached (the media itself stays)' })
  async detachPhoto(
    @UuidParam('id') id: string,
    @UuidParam('mediaId') mediaId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.photos.detach('product', id, mediaId, user);
  }

  @Post()
  @ApiCatalogErrors('VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiCreatedResponse({ type: ProductDto })
  create(@Body() dto: ProductInputDto, @CurrentUser() user: AuthenticatedUser): Promise<ProductDto> {
    return this.products.create(dto, user);
  }

  @Put(':id')
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiOkResponse({ type: ProductDto })
  @ApiConditionalWrite()
  replace(
    @UuidParam('id') id: string,
    @Body() dto: ProductInputDto,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProductDto> {
    return this.products.update(id, dto, true, user, expected);
  }

  @Patch(':id')
  @ApiCatalogErrors('PRODUCT_NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_CATEGORY')
  @Authenticated('admin')
  @ApiOkResponse({ type: ProductDto })
  @ApiConditionalWrite()
  patch(
    @UuidParam('id') id: string,
    @Body() dto: PatchProductDto,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<ProductDto> {
    return this.products.update(id, dto, false, user, expected);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('PRODUCT_NOT_FOUND')
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @UuidParam('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.products.delete(id, user, expected);
  }
}
