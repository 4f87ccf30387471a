import { UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CategoriesService } from './categories.service.js';
import {
  CATEGORY_LIST_QUERY,
  CategoryDto,
  CategoryInputDto,
  CategoryPageDto,
  PatchCategoryDto,
} from './category.dto.js';
import { ApiCatalogErrors } from '../catalog.errors.js';
import { EditRoutesController } from '../items/edit-routes.controller.js';

/** Seed 001 Categories-management: `/categories` (the gateway maps `/category` here too). */
@ApiTags('categories')
@Controller('categories')
export class CategoriesController extends EditRoutesController({
  service: CategoriesService,
  dto: CategoryDto,
  createInput: CategoryInputDto,
  patchInput: PatchCategoryDto,
  creators: ['admin'],
  editors: ['admin'],
  notFound: 'CATEGORY_NOT_FOUND',
  writeErrors: ['VALIDATION_FAILED', 'CATEGORY_EXISTS'],
}) {
  @Get()
  @ApiListQuery(CATEGORY_LIST_QUERY)
  @ApiOkResponse({ type: CategoryPageDto })
  list(@ListQuery(CATEGORY_LIST_QUERY) query: ParsedListQuery): Promise<CategoryPageDto> {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CategoryDto })
  @ApiCatalogErrors('CATEGORY_NOT_FOUND')
  get(@UuidParam('id') id: string): Promise<CategoryDto> {
    return this.service.get(id);
  }
}
