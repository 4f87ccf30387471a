import { Init1764000000000 } from './1764000000000-Init.js';

/** Every media-service migration, oldest first. */
export const mediaMigrations = [Init1764000000000];
