import { ServiceConfig } from '@agora/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** catalog-service's variables on top of every service's (documented in .env.template). */
export class CatalogConfig extends ServiceConfig {
  /** Searches (`GET /search`) one address may run per SEARCH_WINDOW_SECONDS before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEARCH_MAX_PER_IP = 600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SEARCH_WINDOW_SECONDS = 60;

  /** How long a search page is served again from memory (0: never); a write to the index clears it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  SEARCH_CACHE_SECONDS = 10;

  /**
   * Ratings an item needs before its average shows (check-ins); also the weight of the kind's mean in the
   * Bayesian average top lists rank by.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATING_MIN_COUNT = 10;
}
