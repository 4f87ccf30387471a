import { ServiceConfig } from '@agora/config';
import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

/** order-service's variables on top of every service's (documented in .env.template). */
export class OrderConfig extends ServiceConfig {
  /** catalog-service's own address (not the gateway's): its `/internal/offers` snapshot rebuilds the read model. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CATALOG_URL = 'http://127.0.0.1:3004';

  /** Until the read model of what can be bought has been rebuilt once, a failed rebuild is retried this often. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  ORDER_OFFERS_REBUILD_RETRY_MS = 30_000;

  /** Reports on sellers a user may file an hour (429 `RATE_LIMITED` past it): reports are not a weapon. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  ORDER_SELLER_REPORTS_PER_HOUR = 10;
}
