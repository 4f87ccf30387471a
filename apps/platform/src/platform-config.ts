import { LOG_LEVELS, type LogLevel } from '@agora/logging';
import { splitList } from '@agora/config';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

/** Variables of `npm start` (the embedded single-process platform); see .env.template. */
export class PlatformConfig {
  @IsString()
  GATEWAY_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT = 8080;

  /** The web app's build (apps/web, written by `npm run build`), served by the gateway at `/`. */
  @IsString()
  @MinLength(1)
  WEB_ROOT = 'dist/web';

  /** The embedded platform's one metrics endpoint (every service's metrics, by their `service` label). */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  /** OTLP/HTTP endpoint for traces, for the gateway and (through their env) the five services. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** `service.name` of the Node gateway's spans (each service's are `<name>-service`). */
  @IsString()
  @MinLength(1)
  OTEL_SERVICE_NAME = 'gateway';

  @Type(() => Number)
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  OTEL_BSP_SCHEDULE_DELAY = 5000;

  /** Where embedded PostgreSQL keeps its data and the generated role passwords live. */
  @IsString()
  DATA_DIR = '.data';

  /** An existing PostgreSQL (superuser URL) instead of the embedded one. */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  /** Kafka instead of the in-process bus. */
  @IsOptional()
  @Transform(splitList)
  @Matches(/^[^:\s]+:\d+$/, {
    each: true,
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS?: string[];

  /** Seed the demo catalog and accounts at start when the catalog is empty (`npm start -- --demo`). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  DEMO = false;

  /** About how many demo items DEMO seeds (`npm run seed -- --items=N` for the CLI). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(2_000_000)
  DEMO_ITEMS = 110_000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
