import { Init1764000000000 } from './1764000000000-Init.js';
import { SellersAndFavourites1796300000000 } from './1796300000000-SellersAndFavourites.js';

/** Every order-service migration, oldest first. */
export const orderMigrations = [Init1764000000000, SellersAndFavourites1796300000000];
