import { LOG_LEVELS, type LogLevel } from '@agora/logging';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MinLength,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';

export const BUS_KINDS = ['kafka', 'memory'] as const;
export type BusKind = (typeof BUS_KINDS)[number];

/** Turns a comma-separated variable into a trimmed list without empty items. */
export const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/**
 * The CSRF secret outside production, so development and tests need no setup; production refuses it
 * (NODE_ENV=production demands a CSRF_SECRET of its own).
 */
export const DEVELOPMENT_CSRF_SECRET = 'agora-development-csrf-secret-not-for-production';

/**
 * Variables every service reads (documented in .env.template). A service with more settings extends
 * this class; nothing else in a service reads process.env.
 */
export class ServiceConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /** Interface of the Prometheus metrics endpoint: loopback unless a scraper on another host needs it. */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** Port of `GET /metrics` (Prometheus), apart from the API so no gateway routes it; 0: any free port. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  /**
   * OTLP/HTTP endpoint for traces (an OpenTelemetry Collector, Jaeger or Tempo on `:4318`); spans go to
   * `<endpoint>/v1/traces` as JSON. Unset: no tracing SDK is loaded (`traceparent` still passes through).
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** `service.name` of the spans; default `<name>-service` (in the embedded mode always that). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  OTEL_SERVICE_NAME?: string;

  /** Share of new traces recorded (0..1); a request whose caller sampled its trace is always recorded. */
  @Type(() => Number)
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;

  /** Longest a finished span waits before it is exported, in ms (the batch span processor's delay). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OTEL_BSP_SCHEDULE_DELAY = 5000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** List routes count their total exactly up to this many items; past it `total` is the cap, `totalExact` false. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  LIST_TOTAL_CAP = 10_000;

  /** Apply pending migrations at start-up (embedded mode); production runs `npm run migrate` first. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  MIGRATIONS_RUN = false;

  @IsIn(BUS_KINDS)
  BUS: BusKind = 'kafka';

  @ValidateIf((config: ServiceConfig) => config.BUS === 'kafka')
  @Transform(splitList)
  @Matches(/^[^:\s]+:\d+$/, {
    each: true,
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string[] = [];

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MESSAGING_MAX_ATTEMPTS = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MESSAGING_RETRY_BASE_MS = 200;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS = 500;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @Transform(splitList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /** Proxies in front of the service (nginx, the Node gateway) whose X-Forwarded-For entries are trusted. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5)
  TRUST_PROXY_HOPS = 1;

  /** `iss` of access tokens: auth-service signs with it, every service demands it. */
  @IsString()
  JWT_ISSUER = 'agora-auth';

  /** `aud` of access tokens. */
  @IsString()
  JWT_AUDIENCE = 'agora-api';

  /** auth-service's public keys, fetched and cached by every service to verify access tokens locally. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  JWKS_URL = 'http://127.0.0.1:3001/.well-known/jwks.json';

  /**
   * Where clients reach the platform (the gateway): links in mail point here, and an https address makes
   * session cookies `Secure` with the `__Host-` / `__Secure-` prefixes, so every service knows their names.
   */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://127.0.0.1:8080';

  /**
   * Redis shared by a service's replicas: rate-limit counters and the access-token revocation list.
   * Unset → both in the process's memory (one replica only).
   */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /** Prefix of every Redis key a service writes; deployments (or test runs) sharing one Redis need their own. */
  @Matches(/^[\w:.-]{1,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, _ : . - (at most 64)' })
  REDIS_KEY_PREFIX = 'agora:';

  /**
   * Key of the web-session CSRF tokens (HMAC-SHA256 of the session id); the same in every service.
   * Required in production; elsewhere a fixed development value.
   */
  @ValidateIf((config: ServiceConfig) => config.NODE_ENV === 'production')
  @IsString()
  @MinLength(32, { message: 'CSRF_SECRET must be at least 32 characters in production' })
  @NotEquals(DEVELOPMENT_CSRF_SECRET, {
    message: 'CSRF_SECRET must be set (32+ random characters) in production',
  })
  CSRF_SECRET = DEVELOPMENT_CSRF_SECRET;
}
