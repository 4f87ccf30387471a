import { Init1764000000000 } from './1764000000000-Init.js';
import { MediaAndVariants1795784420760 } from './1795784420760-MediaAndVariants.js';
import { ListIndexes1796200000000 } from './1796200000000-ListIndexes.js';
import { MediaBarcodes1796300000000 } from './1796300000000-MediaBarcodes.js';

/** Every media-service migration, oldest first. */
export const mediaMigrations = [
  Init1764000000000,
  MediaAndVariants1795784420760,
  ListIndexes1796200000000,
  MediaBarcodes1796300000000,
];
