import { Init1764000000000 } from './1764000000000-Init.js';
import { SellersAndFavourites1796300000000 } from './1796300000000-SellersAndFavourites.js';
import { OrderOffers1796300010000 } from './1796300010000-OrderOffers.js';
import { OrderCart1796300020000 } from './1796300020000-OrderCart.js';
import { OrderAddresses1796300030000 } from './1796300030000-OrderAddresses.js';
import { OrderCheckoutOrders1796300040000 } from './1796300040000-OrderCheckoutOrders.js';
import { FavouritesFromOffers1796300050000 } from './1796300050000-FavouritesFromOffers.js';
import { OrdersByStatus1796300090000 } from './1796300090000-OrdersByStatus.js';
import { OfferHolds1796300090001 } from './1796300090001-OfferHolds.js';
import { Payments1796300095000 } from './1796300095000-Payments.js';

/** Every order-service migration, oldest first. */
export const orderMigrations = [
  Init1764000000000,
  SellersAndFavourites1796300000000,
  OrderOffers1796300010000,
  OrderCart1796300020000,
  OrderAddresses1796300030000,
  OrderCheckoutOrders1796300040000,
  FavouritesFromOffers1796300050000,
  OrdersByStatus1796300090000,
  OfferHolds1796300090001,
  Payments1796300095000,
];
