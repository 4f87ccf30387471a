import { ServiceConfig } from '@agora/config';
import { BODY_LIMITS } from '@agora/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** `true`/`1` and `false`/`0`; anything else is left for IsBoolean to refuse. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** media-service's variables on top of every service's (documented in .env.template). */
export class MediaConfig extends ServiceConfig {
  /** Uploads one user may make per UPLOAD_WINDOW_SECONDS before 429 (each is decoded and re-encoded). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  UPLOADS_MAX_PER_USER = 60;

  /** Uploads from one client address (any users) per UPLOAD_WINDOW_SECONDS before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  UPLOADS_MAX_PER_IP = 200;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  UPLOAD_WINDOW_SECONDS = 3600;

  /** `disk` (the embedded mode) or `s3` (MinIO in compose, any S3-compatible server). */
  @IsIn(['disk', 's3'])
  MEDIA_STORAGE: 'disk' | 's3' = 'disk';

  /** Where the disk driver keeps files. */
  @IsString()
  MEDIA_DIR = '.data/media';

  @ValidateIf((config: MediaConfig) => config.MEDIA_STORAGE === 's3')
  @IsString()
  @MinLength(3)
  S3_BUCKET = 'agora-media';

  /** An S3-compatible server; unset: AWS. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Path-style addressing (`endpoint/bucket/key`), which MinIO and S3Proxy need. */
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  @ValidateIf((config: MediaConfig) => config.MEDIA_STORAGE === 's3')
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID = '';

  @ValidateIf((config: MediaConfig) => config.MEDIA_STORAGE === 's3')
  @IsString()
  @MinLength(1)
  S3_SECRET_ACCESS_KEY = '';

  /** Largest upload accepted, in bytes (413 past it). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  // The gateways take upload bodies up to BODY_LIMITS.upload; the multipart framing needs a little of it.
  @Max(BODY_LIMITS.upload - 65_536)
  MEDIA_MAX_BYTES = 15 * 1024 * 1024;

  /** Most pixels (width × height) an upload may declare; checked from its header before decoding. */
  @Type(() => Number)
  @IsInt()
  @Min(10_000)
  @Max(500_000_000)
  MEDIA_MAX_PIXELS = 50_000_000;

  /** What each user's stored variants may add up to, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MEDIA_QUOTA_BYTES = 500 * 1024 * 1024;

  /** Uploads no item has shown for this many hours are deleted as orphans. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MEDIA_ORPHAN_HOURS = 24;

  /** How often the orphan sweep runs, in minutes (0: never, e.g. in tests that run it by hand). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MEDIA_ORPHAN_SWEEP_MINUTES = 60;

  /** Images decoded and re-encoded at once; further uploads wait (each holds a whole image in memory). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  MEDIA_PROCESSING_CONCURRENCY = 2;

  /** The longest edge the stored `original` variant keeps. */
  @Type(() => Number)
  @IsInt()
  @Min(256)
  @Max(10_000)
  MEDIA_ORIGINAL_MAX_EDGE = 2560;
}
