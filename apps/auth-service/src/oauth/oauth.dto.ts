import { WEB_RETURN_PATH_PATTERN } from '@agora/contracts';
import { Omittable } from '@agora/http';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TOKEN_TRANSPORTS, type TokenTransport } from '../sessions/token-pair.dto.js';
import { OAUTH_INTENTS, type OAuthIntent } from './oauth-flow.entity.js';
import { OAUTH_PROVIDERS, type OAuthProviderName } from './oauth-provider.js';

export class ProviderParamDto {
  @ApiProperty({ enum: OAUTH_PROVIDERS })
  @IsIn(OAUTH_PROVIDERS)
  provider!: OAuthProviderName;
}

export class StartOAuthQueryDto {
  @ApiPropertyOptional({
    enum: OAUTH_INTENTS,
    default: 'sign-in',
    description: 'link: add the provider account to the signed-in user (needs the access token or cookie)',
  })
  @Omittable()
  @IsIn(OAUTH_INTENTS)
  intent?: OAuthIntent;

  @ApiPropertyOptional({
    enum: TOKEN_TRANSPORTS,
    default: 'body',
    description:
      'How the callback answers: body, the token pair as JSON; cookie (the web app), the session cookies and ' +
      'a 303 back into the app',
  })
  @Omittable()
  @IsIn(TOKEN_TRANSPORTS)
  transport?: TokenTransport;

  @ApiPropertyOptional({
    example: '/coffees?sort=-rating',
    default: '/',
    maxLength: 2048,
    pattern: WEB_RETURN_PATH_PATTERN.source,
    description: "transport=cookie: the web app's path the callback sends the browser to once signed in",
  })
  @Omittable()
  @IsString()
  @MaxLength(2048)
  @Matches(WEB_RETURN_PATH_PATTERN, { message: 'next must be a path of the web app, starting with one /' })
  next?: string;
}

const ProviderValue = (description: string): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description }), Omittable(), IsString(), MaxLength(2048));

/**
 * What the provider appends to the callback URL: RFC 6749 §4.1.2 (code, state, error…), RFC 9207 (iss), and
 * the extras Google (scope, authuser, hd, prompt) and Yandex (cid) add.
 */
export class OAuthCallbackQueryDto {
  @ProviderValue('Authorization code')
  code?: string;

  @ProviderValue('The state from the redirect')
  state?: string;

  @ProviderValue('Set instead of code when the user refused or the request failed')
  error?: string;

  @ProviderValue('Human-readable error')
  error_description?: string;

  @ProviderValue('Error page')
  error_uri?: string;

  @ProviderValue('Issuer (RFC 9207)')
  iss?: string;

  @ProviderValue('Granted scopes (Google)')
  scope?: string;

  @ProviderValue('Google account index (Google)')
  authuser?: string;

  @ProviderValue('Hosted domain (Google Workspace)')
  hd?: string;

  @ProviderValue('Consent screen shown (Google)')
  prompt?: string;

  @ProviderValue('Client id (Yandex)')
  cid?: string;
}

export class LinkAccountDto {
  @ApiProperty({ description: 'From the ACCOUNT_LINK_REQUIRED answer of the callback' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  linkToken!: string;

  @ApiProperty({ description: "The existing account's password" })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ enum: TOKEN_TRANSPORTS, default: 'body' })
  @Omittable()
  @IsIn(TOKEN_TRANSPORTS)
  transport?: TokenTransport;
}

export class IdentityDto {
  @ApiProperty({ enum: OAUTH_PROVIDERS })
  provider!: OAuthProviderName;

  @ApiProperty({ nullable: true, type: String, example: 'anna@gmail.com' })
  email!: string | null;

  @ApiProperty()
  linkedAt!: string;
}
