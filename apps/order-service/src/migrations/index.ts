import { Init1764000000000 } from './1764000000000-Init.js';

/** Every order-service migration, oldest first. */
export const orderMigrations = [Init1764000000000];
