import { Init1764000000000 } from './1764000000000-Init.js';
import { CoffeesAndDictionaries1795549750343 } from './1795549750343-CoffeesAndDictionaries.js';
import { DraftsAndHistory1795779881616 } from './1795779881616-DraftsAndHistory.js';
import { WatchesAndMechanisms1795780553252 } from './1795780553252-WatchesAndMechanisms.js';
import { MenuProductsAndCategories1795780820060 } from './1795780820060-MenuProductsAndCategories.js';
import { MarketplaceListings1795781033913 } from './1795781033913-MarketplaceListings.js';
import { SearchDocuments1795781500000 } from './1795781500000-SearchDocuments.js';
import { ShopInfo1795781918258 } from './1795781918258-ShopInfo.js';
import { ItemPhotos1795784365881 } from './1795784365881-ItemPhotos.js';
import { ListingReviews1795786034028 } from './1795786034028-ListingReviews.js';
import { Versions1796006871647 } from './1796006871647-Versions.js';
import { MediaTombstones1796019704343 } from './1796019704343-MediaTombstones.js';
import { ListIndexes1796100000000 } from './1796100000000-ListIndexes.js';
import { SearchCommonWords1796150000000 } from './1796150000000-SearchCommonWords.js';
import { SearchWalk1796200000100 } from './1796200000100-SearchWalk.js';
import { StockSaga1796200000101 } from './1796200000101-StockSaga.js';
import { CheckinsAndRatings1796200000300 } from './1796200000300-CheckinsAndRatings.js';
import { VerifiedPurchases1796200000340 } from './1796200000340-VerifiedPurchases.js';
import { ImportFingerprints1796200000500 } from './1796200000500-ImportFingerprints.js';
import { LikesListsTagCloud1796200000600 } from './1796200000600-LikesListsTagCloud.js';
import { VerifiedCheckins1796200000601 } from './1796200000601-VerifiedCheckins.js';
import { SearchCachedPlans1796200000700 } from './1796200000700-SearchCachedPlans.js';
import { Translations1796200000710 } from './1796200000710-Translations.js';
import { SearchGenericPlans1796200000720 } from './1796200000720-SearchGenericPlans.js';

/** Every catalog-service migration, oldest first. */
export const catalogMigrations = [
  Init1764000000000,
  CoffeesAndDictionaries1795549750343,
  DraftsAndHistory1795779881616,
  WatchesAndMechanisms1795780553252,
  MenuProductsAndCategories1795780820060,
  MarketplaceListings1795781033913,
  SearchDocuments1795781500000,
  ShopInfo1795781918258,
  ItemPhotos1795784365881,
  ListingReviews1795786034028,
  Versions1796006871647,
  MediaTombstones1796019704343,
  ListIndexes1796100000000,
  SearchCommonWords1796150000000,
  SearchWalk1796200000100,
  StockSaga1796200000101,
  CheckinsAndRatings1796200000300,
  VerifiedPurchases1796200000340,
  ImportFingerprints1796200000500,
  LikesListsTagCloud1796200000600,
  VerifiedCheckins1796200000601,
  SearchCachedPlans1796200000700,
  Translations1796200000710,
  SearchGenericPlans1796200000720,
];
