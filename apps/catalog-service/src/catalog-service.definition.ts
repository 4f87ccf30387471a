import { RateLimitModule } from '@agora/rate-limit';
import { AuthModule } from '@agora/auth';
import type { ServiceDefinition } from '@agora/runtime';
import { Module } from '@nestjs/common';
import { CheckinCommentEntity } from './checkins/checkin-comment.entity.js';
import { CheckinPhotoEntity } from './checkins/checkin-photo.entity.js';
import { CheckinTagEntity } from './checkins/checkin-tag.entity.js';
import { CheckinEntity } from './checkins/checkin.entity.js';
import { CheckinsModule } from './checkins/checkins.module.js';
import { CommunityModule } from './community/community.module.js';
import { LikeTargetEntity } from './community/like-target.entity.js';
import { LikeEntity } from './community/like.entity.js';
import { TagUseEntity } from './community/tag-use.entity.js';
import { UserItemEntity } from './community/user-item.entity.js';
import { CoffeeEntity } from './coffees/coffee.entity.js';
import { CoffeesModule } from './coffees/coffees.module.js';
import { DictionariesModule } from './dictionaries/dictionaries.module.js';
import { DictionaryValueEntity } from './dictionaries/dictionary-value.entity.js';
import { MechanismFunctionEntity } from './mechanisms/mechanism-function.entity.js';
import { MechanismEntity } from './mechanisms/mechanism.entity.js';
import { MechanismsModule } from './mechanisms/mechanisms.module.js';
import { catalogMigrations } from './migrations/index.js';
import { ReviewEntity } from './reviews/review.entity.js';
import { ItemPhotoEntity } from './photos/item-photo.entity.js';
import { MediaOwnerEntity } from './photos/media-owner.entity.js';
import { MediaTombstoneEntity } from './photos/media-tombstone.entity.js';
import { PhotosModule } from './photos/photos.module.js';
import { ShopInfoModule } from './shop-info/shop-info.module.js';
import { LocationEntity } from './shop-info/location.entity.js';
import { ShopProfileEntity } from './shop-info/shop-profile.entity.js';
import { SearchModule } from './search/search.module.js';
import { ListingTagEntity } from './listings/listing-tag.entity.js';
import { ListingEntity } from './listings/listing.entity.js';
import { ListingsModule } from './listings/listings.module.js';
import { OffersModule } from './offers/offers.module.js';
import { ItemSnapshotModule } from './item-snapshot/item-snapshot.module.js';
import { CategoriesModule } from './categories/categories.module.js';
import { CategoryEntity } from './categories/category.entity.js';
import { ProductEntity } from './products/product.entity.js';
import { ProductsModule } from './products/products.module.js';
import { DraftEntity } from './moderation/draft.entity.js';
import { ItemHistoryEntity } from './moderation/item-history.entity.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { CollectionEntryEntity } from './watches/collection-entry.entity.js';
import { WatchAliasEntity } from './watches/watch-alias.entity.js';
import { WatchEntity } from './watches/watch.entity.js';
import { WatchesModule } from './watches/watches.module.js';
import { seedCatalog } from './seed/catalog-seed.js';
import { StockHoldEntity } from './stock/stock-hold.entity.js';
import { StockOrderEntity } from './stock/stock-order.entity.js';
import { StockModule } from './stock/stock.module.js';
import { PurchaseEntity } from './purchases/purchase.entity.js';
import { CatalogConfig } from './catalog.config.js';
import { CatalogCoreModule } from './catalog-core.module.js';
import { ImportFingerprintEntity } from './importer/import-fingerprint.entity.js';
import { ImporterModule } from './importer/importer.module.js';

@Module({
  imports: [
    AuthModule.forRoot(),
    RateLimitModule.forRoot(),
    CatalogCoreModule,
    SearchModule,
    PhotosModule,
    ModerationModule,
    DictionariesModule,
    CoffeesModule,
    MechanismsModule,
    WatchesModule,
    CategoriesModule,
    ProductsModule,
    ListingsModule,
    OffersModule,
    ItemSnapshotModule,
    StockModule,
    ShopInfoModule,
    CheckinsModule,
    ImporterModule,
    CommunityModule,
  ],
})
export class CatalogServiceModule {}

export const catalogServiceDefinition: ServiceDefinition<CatalogConfig> = {
  name: 'catalog',
  title: 'Agora catalog-service',
  description:
    'Coffees, watches, mechanisms, products, dictionaries, drafts and moderation, reviews, check-ins and ratings, search, shop info.',
  module: CatalogServiceModule,
  entities: [
    DictionaryValueEntity,
    CoffeeEntity,
    DraftEntity,
    ItemHistoryEntity,
    MechanismEntity,
    MechanismFunctionEntity,
    WatchEntity,
    WatchAliasEntity,
    CollectionEntryEntity,
    CategoryEntity,
    ProductEntity,
    ListingEntity,
    ListingTagEntity,
    LocationEntity,
    ShopProfileEntity,
    ItemPhotoEntity,
    MediaOwnerEntity,
    MediaTombstoneEntity,
    ReviewEntity,
    StockOrderEntity,
    StockHoldEntity,
    PurchaseEntity,
    CheckinEntity,
    CheckinTagEntity,
    CheckinPhotoEntity,
    CheckinCommentEntity,
    ImportFingerprintEntity,
    LikeTargetEntity,
    LikeEntity,
    UserItemEntity,
    TagUseEntity,
  ],
  migrations: catalogMigrations,
  config: CatalogConfig,
  seed: seedCatalog,
};

/** The importer robot, for `npm run import` (apps/platform/src/import.ts). */
export { IMPORT_ROBOT_ID, ImportService } from './importer/import.service.js';
