import { Init1764000000000 } from './1764000000000-Init.js';
import { Identity1795545518905 } from './1795545518905-Identity.js';
import { OAuthIdentities1795548502264 } from './1795548502264-OAuthIdentities.js';
import { TokenVersion1796005873175 } from './1796005873175-TokenVersion.js';
import { ListIndexes1796200000000 } from './1796200000000-ListIndexes.js';
import { OrderMails1796200000001 } from './1796200000001-OrderMails.js';

/** Every auth-service migration, oldest first. */
export const authMigrations = [
  Init1764000000000,
  Identity1795545518905,
  OAuthIdentities1795548502264,
  TokenVersion1796005873175,
  ListIndexes1796200000000,
  OrderMails1796200000001,
];
