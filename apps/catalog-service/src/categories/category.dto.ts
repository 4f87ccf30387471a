import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { OptionalInteger, OptionalText, RequiredText } from '../items/item-fields.js';
import type { CategoryEntity } from './category.entity.js';

/** `POST /categories` and `PUT /categories/:id`. */
export class CategoryInputDto {
  @RequiredText(80, 'Coffee')
  name!: string;

  @OptionalText(500, 'Espresso drinks, filter and cold brew')
  description?: string | null;

  @OptionalInteger(0, 10_000, 10, 'Menu order, ascending; null or left out: 0 (a PATCH keeps it)')
  position?: number | null;
}

export class PatchCategoryDto extends PartialType(CategoryInputDto, { skipNullProperties: false }) {}

export class CategoryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 1, description: 'Rises with every change; the ETag, for If-Match' })
  version!: number;

  @ApiProperty({ example: 'Coffee' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ example: 10 })
  position!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const CategoryPageDto = PageOf(CategoryDto);
export type CategoryPageDto = Page<CategoryDto>;

export const CATEGORY_LIST_QUERY: ListQuerySpec = {
  fields: { id: 'uuid', name: 'string', position: 'integer', createdAt: 'date', updatedAt: 'date' },
  searchable: ['name', 'description'],
  defaultSort: 'position',
};

export function toCategoryDto(category: CategoryEntity): CategoryDto {
  return {
    id: category.id,
    version: category.version,
    name: category.name,
    description: category.description,
    position: category.position,
    createdAt: category.createdAt.toISOString(),
    updatedAt: category.updatedAt.toISOString(),
  };
}
