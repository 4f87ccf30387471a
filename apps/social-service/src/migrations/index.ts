import { Init1764000000000 } from './1764000000000-Init.js';
import { ProfileVisibility1796006028436 } from './1796006028436-ProfileVisibility.js';
import { SocialGraphPostsFeed1796017985513 } from './1796017985513-SocialGraphPostsFeed.js';
import { PostActivity1796019409676 } from './1796019409676-PostActivity.js';
import { ChatsNotifications1796028772944 } from './1796028772944-ChatsNotifications.js';
import { SellerRatings1796032113443 } from './1796032113443-SellerRatings.js';
import { ListIndexes1796200000000 } from './1796200000000-ListIndexes.js';
import { HeavyAuthorsIndex1796200000001 } from './1796200000001-HeavyAuthorsIndex.js';
import { OrderNotifications1796200000002 } from './1796200000002-OrderNotifications.js';
import { VerifiedSellerReviews1796200000003 } from './1796200000003-VerifiedSellerReviews.js';
import { CheckinActivity1796200000004 } from './1796200000004-CheckinActivity.js';
import { CatalogLikeNotifications1796200000005 } from './1796200000005-CatalogLikeNotifications.js';
import { CotaskAchievements1796300000000 } from './1796300000000-CotaskAchievements.js';
import { CotaskCards1796300000300 } from './1796300000300-CotaskCards.js';
import { CatalogCopyState1796300000301 } from './1796300000301-CatalogCopyState.js';
import { CatalogCopySnapshotSeen1796300000302 } from './1796300000302-CatalogCopySnapshotSeen.js';
import { CotaskGoals1796300000001 } from './1796300000001-CotaskGoals.js';
import { CotaskHabits1796300000200 } from './1796300000200-CotaskHabits.js';
import { CotaskTasks1796300000100 } from './1796300000100-CotaskTasks.js';

/** Every social-service migration, oldest first. */
export const socialMigrations = [
  Init1764000000000,
  ProfileVisibility1796006028436,
  SocialGraphPostsFeed1796017985513,
  PostActivity1796019409676,
  ChatsNotifications1796028772944,
  SellerRatings1796032113443,
  ListIndexes1796200000000,
  HeavyAuthorsIndex1796200000001,
  OrderNotifications1796200000002,
  VerifiedSellerReviews1796200000003,
  CheckinActivity1796200000004,
  CatalogLikeNotifications1796200000005,
  CotaskAchievements1796300000000,
  CotaskGoals1796300000001,
  CotaskTasks1796300000100,
  CotaskHabits1796300000200,
  CotaskCards1796300000300,
  CatalogCopyState1796300000301,
  CatalogCopySnapshotSeen1796300000302,
];
