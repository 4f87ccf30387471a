import { ServiceConfig } from '@agora/config';
import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

/** social-service's variables on top of every service's (documented in .env.template). */
export class SocialConfig extends ServiceConfig {
  /** catalog-service's own address (not the gateway's): its `/internal/items` snapshot rebuilds the catalog copy. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CATALOG_URL = 'http://127.0.0.1:3004';

  /** media-service's own address (not the gateway's): its `/internal/media/:id` answers a media not learnt yet. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  MEDIA_URL = 'http://127.0.0.1:3003';

  /** Until the copy of the catalog has been rebuilt once, a failed rebuild is retried this often. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  SOCIAL_CATALOG_REBUILD_RETRY_MS = 30_000;

  /** Most posts a home timeline keeps (Redis sorted set or table); older ones fall off. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(10_000)
  SOCIAL_TIMELINE_CAP = 800;

  /**
   * Authors with at least this many followers are not fanned out on write: their posts are merged into
   * followers' feeds at read time (hybrid feed).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SOCIAL_FANOUT_MAX_FOLLOWERS = 10_000;

  /** Readers who have not opened the feed for this many days get no fan-out; their next read rebuilds it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SOCIAL_FEED_INACTIVE_DAYS = 30;

  /** Messages a user may send a minute, over REST and the socket together (429 `RATE_LIMITED` past it). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SOCIAL_MESSAGES_PER_MINUTE = 60;

  /** Direct chats a user may open an hour: cold messages to strangers are how spam starts. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SOCIAL_CHATS_OPENED_PER_HOUR = 60;

  /** How often open sockets are rechecked: a revoked session or an expired token is disconnected then. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(60_000)
  SOCIAL_SOCKET_RECHECK_MS = 5_000;

  /** How often due CoTask reminders are fired (in one replica at a time); a reminder is late by at most this. */
  @Type(() => Number)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  SOCIAL_REMINDERS_EVERY_MS = 15_000;

  /**
   * CoTask writes that make many rows at once (following a catalog deck, copying a deck, accepting a goal's plan)
   * one account may do an hour, each kind counted apart.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SOCIAL_COTASK_BULK_WRITES_PER_HOUR = 30;
}
