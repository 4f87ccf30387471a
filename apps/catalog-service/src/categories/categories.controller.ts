import { Authenticated, CurrentUser, type AuthenticatedUser } from '@agora/auth';
import { ApiConditionalWrite, IfMatch, type ExpectedVersions, UuidParam } from '@agora/http';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CategoriesService } from './categories.service.js';
import {
  CATEGORY_LIST_QUERY,
  CategoryDto,
  CategoryInputDto,
  CategoryPageDto,
  PatchCategoryDto,
} from './category.dto.js';
import { ApiCatalogErrors } from '../catalog.errors.js';

/** Seed 001 Categories-management: `/categories` (the gateway maps `/category` here too). */
@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiListQuery(CATEGORY_LIST_QUERY)
  @ApiOkResponse({ type: CategoryPageDto })
  list(@ListQuery(CATEGORY_LIST_QUERY) query: ParsedListQuery): Promise<CategoryPageDto> {
    return this.categories.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CategoryDto })
  @ApiCatalogErrors('CATEGORY_NOT_FOUND')
  get(@UuidParam('id') id: string): Promise<CategoryDto> {
    return this.categories.get(id);
  }

  @Post()
  @ApiCatalogErrors('VALIDATION_FAILED', 'CATEGORY_EXISTS')
  @Authenticated('admin')
  @ApiCreatedResponse({ type: CategoryDto })
  create(@CurrentUser() admin: AuthenticatedUser, @Body() dto: CategoryInputDto): Promise<CategoryDto> {
    return this.categories.create(admin, dto);
  }

  @Put(':id')
  @ApiCatalogErrors('CATEGORY_NOT_FOUND', 'VALIDATION_FAILED', 'CATEGORY_EXISTS')
  @Authenticated('admin')
  @ApiOkResponse({ type: CategoryDto })
  @ApiConditionalWrite()
  replace(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: CategoryInputDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CategoryDto> {
    return this.categories.update(admin, id, dto, true, expected);
  }

  @Patch(':id')
  @ApiCatalogErrors('CATEGORY_NOT_FOUND', 'VALIDATION_FAILED', 'CATEGORY_EXISTS')
  @Authenticated('admin')
  @ApiOkResponse({ type: CategoryDto })
  @ApiConditionalWrite()
  patch(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: PatchCategoryDto,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<CategoryDto> {
    return this.categories.update(admin, id, dto, false, expected);
  }

  /** Deletes the category; its products stay, without it. */
  @Delete(':id')
  @HttpCode(204)
  @ApiCatalogErrors('CATEGORY_NOT_FOUND')
  @Authenticated('admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConditionalWrite()
  async delete(
    @CurrentUser() admin: AuthenticatedUser,
    @UuidParam('id') id: string,
    @IfMatch() expected: ExpectedVersions,
  ): Promise<void> {
    await this.categories.delete(admin, id, expected);
  }
}
