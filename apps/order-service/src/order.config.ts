import { ServiceConfig } from '@agora/config';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  NotEquals,
  ValidateIf,
} from 'class-validator';

/** The webhook secret outside production, so development and tests need no setup; production refuses it. */
export const DEVELOPMENT_PAYMENT_WEBHOOK_SECRET = 'whsec_agora-development-payments-not-for-production';

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

  /** The payment provider: `test`, the built-in test provider (test cards only, never a real charge). */
  @IsIn(['test'])
  PAYMENT_PROVIDER = 'test' as const;

  /** Key of the HMAC-SHA256 signatures on the provider's webhooks (`t=…,v1=…`); production needs its own. */
  @IsString()
  @MinLength(16)
  @ValidateIf((config: OrderConfig) => config.NODE_ENV === 'production')
  @NotEquals(DEVELOPMENT_PAYMENT_WEBHOOK_SECRET, {
    message: 'PAYMENT_WEBHOOK_SECRET must be set (32+ random characters) in production',
  })
  PAYMENT_WEBHOOK_SECRET = DEVELOPMENT_PAYMENT_WEBHOOK_SECRET;

  /** How old (seconds) a webhook's signed timestamp may be, either way, before it is refused as a replay. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600)
  PAYMENT_WEBHOOK_TOLERANCE_S = 300;

  /** Where the test provider delivers its webhooks; `<PUBLIC_URL>/api/payments/webhooks` (the gateway) when unset. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PAYMENT_WEBHOOK_URL?: string;

  /** A card order not paid this long after checkout is cancelled by order-service, its units released. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  ORDER_PAYMENT_TIMEOUT_MS = 900_000;

  /** How often the payment-timeout job looks for such orders. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ORDER_PAYMENT_SWEEP_MS = 60_000;
}
