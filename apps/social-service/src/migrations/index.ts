import { Init1764000000000 } from './1764000000000-Init.js';
import { ProfileVisibility1796006028436 } from './1796006028436-ProfileVisibility.js';

/** Every social-service migration, oldest first. */
export const socialMigrations = [Init1764000000000, ProfileVisibility1796006028436];
