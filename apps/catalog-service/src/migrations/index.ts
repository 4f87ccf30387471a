import { Init1764000000000 } from './1764000000000-Init.js';
import { CoffeesAndDictionaries1795549750343 } from './1795549750343-CoffeesAndDictionaries.js';

/** Every catalog-service migration, oldest first. */
export const catalogMigrations = [Init1764000000000, CoffeesAndDictionaries1795549750343];
