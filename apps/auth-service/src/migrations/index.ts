import { Init1764000000000 } from './1764000000000-Init.js';
import { Identity1795545518905 } from './1795545518905-Identity.js';

/** Every auth-service migration, oldest first. */
export const authMigrations = [Init1764000000000, Identity1795545518905];
