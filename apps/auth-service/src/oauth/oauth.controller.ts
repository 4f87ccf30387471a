import {
  AccessErrorCode,
  AccessTokenGuard,
  ApiAccessErrors,
  CREDENTIAL_ERROR_CODES,
  WebSessions,
} from '@agora/auth';
import { API_PREFIX } from '@agora/contracts';
import { LOGGER } from '@agora/logging';
import { ApiHttpErrors, HttpErrorCode } from '@agora/http';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiFoundResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { NoStore } from '../sessions/no-store.interceptor.js';
import { SessionCookies } from '../sessions/session-cookies.js';
import { CookieSessionDto, TokenPairDto } from '../sessions/token-pair.dto.js';
import { TokenService } from '../sessions/token.service.js';
import type { CallbackRequest, FlowContext } from './oauth-flow-store.js';
import type { OAuthProviderName, ProviderProfile } from './oauth-provider.js';
import { OAuthSignInService } from './oauth-sign-in.service.js';
import { OAuthStrategies } from './oauth-strategies.js';
import { LinkAccountDto, OAuthCallbackQueryDto, ProviderParamDto, StartOAuthQueryDto } from './oauth.dto.js';
import { runStrategy, type StrategyOutcome } from './passport-strategy-runner.js';
import { ApiAuthErrors, AuthErrorCode, AuthException } from '../auth.errors.js';

/**
 * Binds a started sign-in to the browser that started it; checked at the callback. Over https it is
 * Secure and `__Secure-` (its Path is the provider's routes, so `__Host-` cannot apply).
 */
export const OAUTH_STATE_COOKIE = 'agora_oauth_state';
export const SECURE_OAUTH_STATE_COOKIE = '__Secure-agora_oauth_state';

const SESSION_RESPONSE = {
  schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(CookieSessionDto) }] },
};

/** Seed 002: sign-in with Google and Yandex (redirect → provider → callback → token pair). */
@ApiTags('oauth')
@ApiExtraModels(TokenPairDto, CookieSessionDto)
@NoStore()
@Controller('auth')
export class OAuthController {
  constructor(
    private readonly strategies: OAuthStrategies,
    private readonly signIn: OAuthSignInService,
    private readonly tokens: TokenService,
    private readonly cookies: SessionCookies,
    private readonly accessTokens: AccessTokenGuard,
    private readonly sessions: WebSessions,
    private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get stateCookie(): string {
    return this.sessions.secure ? SECURE_OAUTH_STATE_COOKIE : OAUTH_STATE_COOKIE;
  }

  /** Links the provider account from an ACCOUNT_LINK_REQUIRED answer, proven by the account's password. */
  @Post('link')
  @HttpCode(200)
  @ApiOkResponse(SESSION_RESPONSE)
  @ApiAuthErrors(
    AuthErrorCode.INVALID_LINK_TOKEN,
    AuthErrorCode.INVALID_CREDENTIALS,
    AuthErrorCode.EMAIL_NOT_VERIFIED,
    AuthErrorCode.TOO_MANY_ATTEMPTS,
    AuthErrorCode.IDENTITY_LINKED_ELSEWHERE,
    AuthErrorCode.PROVIDER_ALREADY_LINKED,
  )
  async link(
    @Body() dto: LinkAccountDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | CookieSessionDto> {
    const user = await this.signIn.acceptLinkOffer(dto.linkToken, dto.password, request.ip);
    return this.cookies.deliver(reply, await this.tokens.issue(user), dto.transport);
  }

  /** Sends the browser to the provider; `intent=link` adds the provider account to the signed-in user. */
  @Get(':provider')
  @ApiFoundResponse({ description: "Redirect to the provider's consent page, with the state cookie" })
  @ApiHttpErrors(HttpErrorCode.VALIDATION_FAILED)
  @ApiAuthErrors(
    AuthErrorCode.PROVIDER_NOT_CONFIGURED,
    AuthErrorCode.OAUTH_STATE_INVALID,
    AuthErrorCode.OAUTH_DENIED,
    AuthErrorCode.OAUTH_CODE_REJECTED,
    AuthErrorCode.OAUTH_PROVIDER_UNAVAILABLE,
  )
  // intent=link authenticates the caller as the access-token guard does.
  @ApiAccessErrors(...CREDENTIAL_ERROR_CODES)
  async start(
    @Param() { provider }: ProviderParamDto,
    @Query() query: StartOAuthQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const strategy = this.strategies.get(provider);
    const intent = query.intent ?? 'sign-in';
    const context: FlowContext = {
      intent,
      transport: query.transport ?? 'body',
      userId: intent === 'link' ? (await this.accessTokens.authenticate(request)).id : null,
    };
    const outcome = await runStrategy(strategy, { query: {} }, { state: context });
    const state = outcome.kind === 'redirect' ? new URL(outcome.location).searchParams.get('state') : null;
    if (outcome.kind !== 'redirect' || !state) {
      throw this.failure(provider, outcome);
    }
    await reply
      .setCookie(this.stateCookie, state, {
        httpOnly: true,
        // Lax: the provider brings the browser back with a cross-site top-level GET.
        sameSite: 'lax',
        secure: this.sessions.secure,
        path: this.cookiePath(provider),
        maxAge: this.config.OAUTH_FLOW_TTL_MINUTES * 60,
      })
      .redirect(outcome.location, 302);
  }

  /** The provider's redirect back: checks state (single use, this browser's), exchanges the code with PKCE. */
  @Get(':provider/callback')
  @ApiOkResponse(SESSION_RESPONSE)
  @ApiHttpErrors(HttpErrorCode.VALIDATION_FAILED)
  @ApiAuthErrors(
    AuthErrorCode.PROVIDER_NOT_CONFIGURED,
    AuthErrorCode.OAUTH_CALLBACK_INVALID,
    AuthErrorCode.OAUTH_CODE_REJECTED,
    AuthErrorCode.OAUTH_DENIED,
    AuthErrorCode.OAUTH_STATE_INVALID,
    AuthErrorCode.PROVIDER_EMAIL_UNVERIFIED,
    AuthErrorCode.ACCOUNT_LINK_REQUIRED,
    AuthErrorCode.IDENTITY_LINKED_ELSEWHERE,
    AuthErrorCode.PROVIDER_ALREADY_LINKED,
    AuthErrorCode.OAUTH_PROVIDER_UNAVAILABLE,
  )
  // A link whose account was deleted meanwhile.
  @ApiAccessErrors(AccessErrorCode.AUTHENTICATION_REQUIRED)
  async callback(
    @Param() { provider }: ProviderParamDto,
    @Query() query: OAuthCallbackQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | CookieSessionDto> {
    if (!query.code && !query.error) {
      throw new AuthException(
        AuthErrorCode.OAUTH_CALLBACK_INVALID,
        'The callback needs the code (or error) and state the provider sends',
        { errors: [{ field: 'code', messages: ['code is required'] }] },
      );
    }
    const strategy = this.strategies.get(provider);
    const callbackRequest: CallbackRequest = {
      query: { ...query },
      boundState: request.cookies[this.stateCookie],
    };
    void reply.clearCookie(this.stateCookie, {
      path: this.cookiePath(provider),
      secure: this.sessions.secure,
    });
    const outcome = await runStrategy(strategy, callbackRequest);
    if (outcome.kind !== 'success') {
      throw this.failure(provider, outcome);
    }
    const flow = (outcome.info as { state: FlowContext }).state;
    const user = await this.signIn.complete(outcome.user as ProviderProfile, flow);
    return this.cookies.deliver(reply, await this.tokens.issue(user), flow.transport);
  }

  /** The start route and its callback, as the browser sees them through the gateway. */
  private cookiePath(provider: OAuthProviderName): string {
    return `${API_PREFIX}/auth/${provider}`;
  }

  private failure(provider: OAuthProviderName, outcome: StrategyOutcome): AuthException {
    if (outcome.kind === 'fail') {
      const message = (outcome.challenge as { message?: string } | undefined)?.message;
      return outcome.status === 403
        ? new AuthException(
            AuthErrorCode.OAUTH_STATE_INVALID,
            message ?? 'The sign-in state does not match; start again',
          )
        : new AuthException(
            AuthErrorCode.OAUTH_DENIED,
            `Sign-in with ${provider} was cancelled${message ? `: ${message}` : ''}`,
          );
    }
    const error = outcome.kind === 'error' ? outcome.error : undefined;
    const name = error instanceof Error ? error.name : undefined;
    if (name === 'TokenError' || name === 'AuthorizationError') {
      // The provider refused the code (invalid_grant…) or reported an error in the callback itself.
      return new AuthException(
        AuthErrorCode.OAUTH_CODE_REJECTED,
        `${provider} refused the sign-in: ${(error as Error).message || 'invalid request'}`,
      );
    }
    this.logger.error({ err: error, provider, outcome: outcome.kind }, 'identity provider failed');
    return new AuthException(
      AuthErrorCode.OAUTH_PROVIDER_UNAVAILABLE,
      `${provider} could not complete the sign-in; try again later`,
    );
  }
}
