import { MAX_ACCESS_TOKEN_TTL_SECONDS } from '@agora/auth';
import { ServiceConfig } from '@agora/config';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** An identity provider's endpoint: https in production, any host (tests run a local provider). */
const ProviderUrl = (): PropertyDecorator =>
  IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true });

/** A limit of requests per window. */
const Limit = (): PropertyDecorator =>
  applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(1),
  );

/** auth-service's variables on top of every service's (documented in .env.template). */
export class AuthConfig extends ServiceConfig {
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
  @Max(MAX_ACCESS_TOKEN_TTL_SECONDS)
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

  /** Failed sign-ins (and wrong current passwords) for one account from one IP address within the window before 429. */
  @Limit()
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;

  /** Failed sign-ins from one IP address (any accounts) within the window before 429. */
  @Limit()
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Limit()
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /** Window of the registration, verification and recovery limits below (seconds). */
  @Limit()
  AUTH_LIMIT_WINDOW_SECONDS = 3600;

  /** Registrations per client address per window (each costs an argon2 hash and a mail). */
  @Limit()
  REGISTRATION_MAX_PER_IP = 20;

  /** Registration attempts per e-mail address per window. */
  @Limit()
  REGISTRATION_MAX_PER_ADDRESS = 3;

  /** Verification codes re-sent per e-mail address, and per client address, per window. */
  @Limit()
  VERIFICATION_RESEND_MAX_PER_ADDRESS = 3;

  @Limit()
  VERIFICATION_RESEND_MAX_PER_IP = 20;

  /**
   * Verification attempts (code or link) per e-mail address, and per client address, per window; counted
   * across resends, on top of VERIFICATION_MAX_ATTEMPTS per code.
   */
  @Limit()
  VERIFICATION_MAX_ATTEMPTS_PER_ADDRESS = 10;

  @Limit()
  VERIFICATION_MAX_ATTEMPTS_PER_IP = 50;

  /** Password-recovery requests per e-mail address, and per client address, per window. */
  @Limit()
  RECOVERY_MAX_PER_ADDRESS = 3;

  @Limit()
  RECOVERY_MAX_PER_IP = 20;

  /** Google sign-in: the OAuth client from Google Cloud Console; unset → Google sign-in answers 404. */
  @IsOptional()
  @IsString()
  GOOGLE_CLIENT_ID?: string;

  /** Required with GOOGLE_CLIENT_ID. */
  @ValidateIf((config: AuthConfig) => config.GOOGLE_CLIENT_ID !== undefined)
  @IsString()
  @MinLength(1)
  GOOGLE_CLIENT_SECRET?: string;

  @ProviderUrl()
  GOOGLE_AUTHORIZATION_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

  @ProviderUrl()
  GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

  /**
   * OpenID Connect userinfo. passport-google-oauth20 reads any other path as the retired Google+ profile
   * (no verified e-mail), so a path not ending in /userinfo is refused at start-up.
   */
  @ProviderUrl()
  @Matches(/^[a-z]+:\/\/[^/?#]+(\/[^?#]*)?\/userinfo([?#].*)?$/i, {
    message:
      'GOOGLE_USERINFO_URL must be an OpenID Connect userinfo endpoint whose path ends in /userinfo ' +
      '(passport-google-oauth20 reads any other path as the legacy Google+ profile)',
  })
  GOOGLE_USERINFO_URL = 'https://openidconnect.googleapis.com/v1/userinfo';

  /** Yandex ID sign-in: the app from oauth.yandex.ru; unset → Yandex sign-in answers 404. */
  @IsOptional()
  @IsString()
  YANDEX_CLIENT_ID?: string;

  /** Required with YANDEX_CLIENT_ID. */
  @ValidateIf((config: AuthConfig) => config.YANDEX_CLIENT_ID !== undefined)
  @IsString()
  @MinLength(1)
  YANDEX_CLIENT_SECRET?: string;

  @ProviderUrl()
  YANDEX_AUTHORIZATION_URL = 'https://oauth.yandex.ru/authorize';

  @ProviderUrl()
  YANDEX_TOKEN_URL = 'https://oauth.yandex.ru/token';

  @ProviderUrl()
  YANDEX_USERINFO_URL = 'https://login.yandex.ru/info?format=json';

  /** How long a started Google/Yandex sign-in, and an offer to link an account, stay valid. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  OAUTH_FLOW_TTL_MINUTES = 10;
}
