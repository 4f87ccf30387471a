import { Omittable } from '@agora/http';
import { PageOf, type ListQuerySpec, type Page } from '@agora/list-query';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { CategoryDto, toCategoryDto } from '../categories/category.dto.js';
import { OptionalText, RequiredText } from '../items/item-fields.js';
import { Amount, Currency } from '../items/money.js';
import { SoldItemInputDto } from '../items/sold-item.js';
import type { ProductEntity } from './product.entity.js';

/** The most units a product counts. */
export const MAX_PRODUCT_STOCK = 1_000_000;

/** `POST /products` and `PUT /products/:id`. */
export class ProductInputDto extends SoldItemInputDto {
  @RequiredText(120, 'Cappuccino 300 ml')
  name!: string;

  @OptionalText(2000, 'Double espresso, steamed milk, microfoam')
  description?: string | null;

  @Amount('250.00')
  price!: string;

  @Currency()
  currency!: string;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_PRODUCT_STOCK,
    example: 40,
    description: 'Units left to sell; null (or left out on create and PUT): not counted, no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRODUCT_STOCK)
  stock?: number | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    maxItems: 20,
    uniqueItems: true,
    description: 'Ids of /categories',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  categoryIds?: string[];
}

export class PatchProductDto extends PartialType(ProductInputDto, { skipNullProperties: false }) {}

export class ProductDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Cappuccino 300 ml' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ example: '250.00' })
  price!: string;

  @ApiProperty({ example: 'RUB' })
  currency!: string;

  @ApiProperty()
  available!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 40,
    description: 'Units left to sell (orders placed hold theirs); null when not counted',
  })
  stock!: number | null;

  @ApiProperty({ type: [CategoryDto] })
  categories!: CategoryDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The catalog coffee this sells' })
  coffeeId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The catalog watch this sells' })
  watchId!: string | null;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ProductPageDto = PageOf(ProductDto);
export type ProductPageDto = Page<ProductDto>;

export const PRODUCT_LIST_QUERY: ListQuerySpec = {
  fields: {
    id: 'uuid',
    name: 'string',
    price: 'number',
    currency: 'string',
    available: 'boolean',
    createdAt: 'date',
    updatedAt: 'date',
  },
  searchable: ['name', 'description'],
  defaultSort: 'name',
  parameters: ['categoryId'],
};

export function toProductDto(product: ProductEntity): ProductDto {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: product.price,
    currency: product.currency,
    available: product.available,
    stock: product.stock,
    categories: (product.categories ?? [])
      .map(toCategoryDto)
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name)),
    coffeeId: product.coffeeId,
    watchId: product.watchId,
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
