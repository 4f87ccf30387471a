import { Init1764000000000 } from './1764000000000-Init.js';

/** Every social-service migration, oldest first. */
export const socialMigrations = [Init1764000000000];
