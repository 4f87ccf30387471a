import { ServiceConfig } from '@agora/config';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value === 'true' || value === '1' : value;

/** auth-service's variables on top of every service's (documented in .env.template). */
export class AuthConfig extends ServiceConfig {
  /** Where clients reach the platform (the gateway); links in mail point here. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://127.0.0.1:8080';

  /** SMTP relay (`smtp://user:pass@host:port`); unset → mail printed and saved under MAIL_DIR. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Agora <no-reply@agora.local>';

  @IsString()
  MAIL_DIR = '.data/mail';

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Absolute lifetime of a sign-in (refresh-token family); rotation does not extend it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  VERIFICATION_CODE_TTL_MINUTES = 15;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  VERIFICATION_MAX_ATTEMPTS = 5;

  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 30;

  /** Users still unverified this long after registering are deleted (seed 001: two days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  UNVERIFIED_TTL_HOURS = 48;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  PURGE_INTERVAL_SECONDS = 3600;

  /** The first admin, created at start when no user has this e-mail. */
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsString()
  ADMIN_LOGIN = 'admin';

  /** Login throttling shared by replicas; unset → in memory (one process). */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /** Failed sign-ins for one account from one IP address within the window before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;

  /** Failed sign-ins from one IP address (any accounts) within the window before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /** Secure flag of session cookies; turn off only for plain-HTTP development. */
  @Transform(toBoolean)
  COOKIE_SECURE = true;
}
