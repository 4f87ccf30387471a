import { ServiceConfig } from '@agora/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** order-service's variables on top of every service's (documented in .env.template). */
export class OrderConfig extends ServiceConfig {
  /** Reports on sellers a user may file an hour (429 `RATE_LIMITED` past it): reports are not a weapon. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  ORDER_SELLER_REPORTS_PER_HOUR = 10;
}
