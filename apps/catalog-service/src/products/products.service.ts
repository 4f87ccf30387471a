import type { CatalogOfferV1 } from '@agora/contracts';
import type { AuthenticatedUser } from '@agora/auth';
import type { ExpectedVersions } from '@agora/http';
import { mapPage, type ParsedListQuery } from '@agora/list-query';
import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, CatalogException, itemNotFound } from '../catalog.errors.js';
import { CategoriesRepository } from '../categories/categories.repository.js';
import type { CategoryEntity } from '../categories/category.entity.js';
import { CatalogItemStore } from '../items/catalog-item.store.js';
import type { ItemPrice } from '../items/item-events.js';
import { productOffer } from '../offers/offer.js';
import type { ItemKind } from '../items/item-kind.js';
import { keptOrCleared, refuseCleared } from '../items/item-problems.js';
import { assignSoldItem, SoldItemsRepository } from '../items/sold-item.js';
import type { ChangeContext } from '../moderation/item-editor.js';
import { SearchIndex } from '../search/search-index.js';
import type { Tx } from '@agora/database';
import type { ProductEntity } from './product.entity.js';
import {
  toProductDto,
  type PatchProductDto,
  type ProductDto,
  type ProductInputDto,
  type ProductPageDto,
} from './product.dto.js';
import { ProductsRepository } from './products.repository.js';

/**
 * Seed 001 menu products: read by everyone, written by admins through the one write path (not moderated):
 * every change is an item event, and a new or changed price also a `catalog.price.changed.v1`.
 */
@Injectable()
export class ProductsService implements ItemKind<ProductEntity, PatchProductDto> {
  readonly subject = 'product' as const;

  constructor(
    readonly repository: ProductsRepository,
    private readonly categories: CategoriesRepository,
    private readonly search: SearchIndex,
    private readonly store: CatalogItemStore,
    private readonly soldItems: SoldItemsRepository,
  ) {}

  async list(query: ParsedListQuery, categoryId?: string): Promise<ProductPageDto> {
    return mapPage(await this.repository.page(query, categoryId), toProductDto);
  }

  async get(id: string): Promise<ProductDto> {
    const product = await this.repository.findLoaded(id);
    if (!product) {
      throw itemNotFound(this.subject, id);
    }
    return toProductDto(product);
  }

  async create(admin: AuthenticatedUser, dto: ProductInputDto): Promise<ProductDto> {
    return this.get(await this.store.create(admin, this, dto));
  }

  async update(
    admin: AuthenticatedUser,
    id: string,
    dto: PatchProductDto,
    whole: boolean,
    expected?: ExpectedVersions,
  ): Promise<ProductDto> {
    return this.get(await this.store.update(admin, this, id, dto, whole, { expected }));
  }

  delete(admin: AuthenticatedUser, id: string, expected?: ExpectedVersions): Promise<void> {
    return this.store.delete(admin, this, id, { expected });
  }

  newItem(context: ChangeContext): Partial<ProductEntity> {
    return { createdBy: context.authorId };
  }

  async assign(
    tx: Tx,
    product: ProductEntity,
    dto: PatchProductDto,
    whole: boolean,
    context: ChangeContext,
  ): Promise<void> {
    refuseCleared(dto, ['name', 'price', 'currency']);
    product.name = dto.name ?? product.name;
    product.description = keptOrCleared(dto.description, product.description, whole);
    product.price = dto.price ?? product.price;
    product.currency = dto.currency ?? product.currency;
    product.available = dto.available ?? (whole ? true : product.available);
    product.stock = dto.stock !== undefined ? dto.stock : whole ? null : product.stock;
    product.updatedBy = context.authorId;
    if (dto.categoryIds !== undefined || whole) {
      product.categories = await this.requireCategories(tx, dto.categoryIds ?? []);
    }
    await assignSoldItem(tx, product, dto, whole, this.soldItems);
  }

  title(product: ProductEntity): string {
    return product.name;
  }

  price(product: ProductEntity): ItemPrice {
    return { price: product.price, currency: product.currency };
  }

  offer(product: ProductEntity): CatalogOfferV1 {
    return productOffer(product);
  }

  async reindex(tx: Tx, id: string): Promise<void> {
    await this.search.refresh(tx, this.subject, [id]);
  }

  /** The categories with these ids; an unknown one is a 400 naming its position. */
  private async requireCategories(tx: Tx, ids: readonly string[]): Promise<CategoryEntity[]> {
    const found = await this.categories.findMany(tx, ids);
    const missing = ids.findIndex((id) => !found.some((category) => category.id === id));
    if (missing >= 0) {
      throw new CatalogException(
        CatalogErrorCode.UNKNOWN_CATEGORY,
        `categoryIds.${missing} is not a category`,
        {
          errors: [{ field: `categoryIds.${missing}`, messages: ['must be the id of one of /categories'] }],
        },
      );
    }
    return found;
  }
}
