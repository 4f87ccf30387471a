import { Init1764000000000 } from './1764000000000-Init.js';
import { MediaAndVariants1795783860074 } from './1795783860074-MediaAndVariants.js';

/** Every media-service migration, oldest first. */
export const mediaMigrations = [Init1764000000000, MediaAndVariants1795783860074];
