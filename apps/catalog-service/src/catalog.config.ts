import { ServiceConfig, splitList } from '@agora/config';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';

/** catalog-service's variables on top of every service's (documented in .env.template). */
export class CatalogConfig extends ServiceConfig {
  /** media-service's own address (not the gateway's): its `/internal/media/:id` answers a media not learnt yet. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  MEDIA_URL = 'http://127.0.0.1:3003';

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
   * Near spellings (typo tolerance) are looked for only when fewer items than this have the words, as
   * Typesense's typo_tokens_threshold (docs/adr/0009-search-top-k.md).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  SEARCH_TYPO_THRESHOLD = 1;

  /**
   * Ratings an item needs before its average shows (check-ins); also the weight of the kind's mean in the
   * Bayesian average top lists rank by.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATING_MIN_COUNT = 10;

  /** The largest import feed (file, URL or `POST /admin/imports` body), in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(100_000_000)
  CATALOG_IMPORT_MAX_BYTES = 1_000_000;

  /** The most rows an import feed may have; a longer one is refused whole (413). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  CATALOG_IMPORT_MAX_ROWS = 2_000;

  /** Hosts import URLs may point at (`POST /admin/imports` with `url`), comma-separated. */
  @Transform(splitList)
  @IsString({ each: true })
  CATALOG_IMPORT_ALLOWED_HOSTS: string[] = ['127.0.0.1', 'localhost'];

  /** Feeds (file paths or URLs, comma-separated) the scheduled import re-reads. */
  @Transform(splitList)
  @IsString({ each: true })
  CATALOG_IMPORT_FEEDS: string[] = [];

  /** How often the scheduled import runs, in minutes (0: off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_080)
  CATALOG_IMPORT_EVERY_MINUTES = 0;

  /** Imports (`POST /admin/imports`) one address may start per hour before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CATALOG_IMPORT_MAX_PER_HOUR = 30;
}
