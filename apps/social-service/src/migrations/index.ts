import { Init1764000000000 } from './1764000000000-Init.js';
import { ProfileVisibility1796006028436 } from './1796006028436-ProfileVisibility.js';
import { SocialGraphPostsFeed1796017985513 } from './1796017985513-SocialGraphPostsFeed.js';
import { PostActivity1796019409676 } from './1796019409676-PostActivity.js';
import { ListIndexes1796200000000 } from './1796200000000-ListIndexes.js';

/** Every social-service migration, oldest first. */
export const socialMigrations = [
  Init1764000000000,
  ProfileVisibility1796006028436,
  SocialGraphPostsFeed1796017985513,
  PostActivity1796019409676,
  ListIndexes1796200000000,
];
