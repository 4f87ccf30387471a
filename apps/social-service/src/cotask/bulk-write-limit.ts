import { RateLimit } from '@agora/rate-limit';
import type { SocialConfig } from '../social.config.js';

/**
 * A CoTask write that makes many rows at once (a catalog deck followed, a deck copied, a goal's plan made): each
 * account may do SOCIAL_COTASK_BULK_WRITES_PER_HOUR of each kind an hour, then 429 RATE_LIMITED. Counted per
 * signed-in user (the controllers' class-level @Authenticated() runs first).
 */
export const BulkWriteLimit = (name: string, detail: string) =>
  RateLimit<SocialConfig>({
    name: `social.cotask.${name}.user`,
    by: (request) => request.user?.id,
    limit: (config) => config.SOCIAL_COTASK_BULK_WRITES_PER_HOUR,
    windowSeconds: 3600,
    detail,
  });
