import { Init1764000000000 } from './1764000000000-Init.js';

/** Every auth-service migration, oldest first. */
export const authMigrations = [Init1764000000000];
