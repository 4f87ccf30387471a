import { Init1764000000000 } from './1764000000000-Init.js';

/** Every catalog-service migration, oldest first. */
export const catalogMigrations = [Init1764000000000];
