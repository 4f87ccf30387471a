import {
  AccessErrorCode,
  AccessTokenGuard,
  ApiAccessErrors,
  CREDENTIAL_ERROR_CODES,
  WebSessions,
} from '@agora/auth';
import { API_PREFIX, WEB_PAGES, WEB_RETURN_PATH_PATTERN } from '@agora/contracts';
import { LOGGER } from '@agora/logging';
import { ApiHttpErrors, HttpErrorCode, isDomainException } from '@agora/http';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiFoundResponse,
  ApiOkResponse,
  ApiSeeOtherResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AuthConfig } from '../auth.config.js';
import { NoStore } from '../sessions/no-store.interceptor.js';
import { SessionCookies } from '../sessions/session-cookies.js';
import { CookieSessionDto, TokenPairDto } from '../sessions/token-pair.dto.js';
import { TokenService } from '../sessions/token.service.js';
import type { CallbackRequest, FlowContext } from './oauth-flow-store.js';
import type { OAuthProviderName, ProviderProfile } from './oauth-provider.js';
import { AccountLinkRequiredException, OAuthSignInService } from './oauth-sign-in.service.js';
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
/**
 * Set beside the state cookie when the web app starts the flow (transport=cookie): the app's path to return to.
 * Its presence at the callback sends even a refusal back into the app, whose flow row may be gone or unread.
 */
export const OAUTH_RETURN_COOKIE = 'agora_oauth_return';
export const SECURE_OAUTH_RETURN_COOKIE = '__Secure-agora_oauth_return';

/** The 303 of a refusal when the web app started the flow (transport=cookie). */
const WEB_REFUSAL = `transport=cookie refused: to \`${WEB_PAGES.signIn}?oauth=<code>\` of the web app`;
/** Where a 303 sends the browser: a page of the web app at PUBLIC_URL. */
const WEB_LOCATION = {
  Location: { description: 'The web app page', schema: { type: 'string', format: 'uri' } },
};

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

  private get returnCookie(): string {
    return this.sessions.secure ? SECURE_OAUTH_RETURN_COOKIE : OAUTH_RETURN_COOKIE;
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
  @ApiSeeOtherResponse({ description: WEB_REFUSAL, headers: WEB_LOCATION })
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
    const transport = query.transport ?? 'body';
    const next = transport === 'cookie' ? (query.next ?? WEB_PAGES.home) : undefined;
    await this.answeringTheApp(reply, next, async () => {
      const strategy = this.strategies.get(provider);
      const intent = query.intent ?? 'sign-in';
      const context: FlowContext = {
        intent,
        transport,
        userId: intent === 'link' ? (await this.accessTokens.authenticate(request)).id : null,
      };
      const outcome = await runStrategy(strategy, { query: {} }, { state: context });
      const state = outcome.kind === 'redirect' ? new URL(outcome.location).searchParams.get('state') : null;
      if (outcome.kind !== 'redirect' || !state) {
        throw this.failure(provider, outcome);
      }
      const cookie = {
        httpOnly: true,
        // Lax: the provider brings the browser back with a cross-site top-level GET.
        sameSite: 'lax',
        secure: this.sessions.secure,
        path: this.cookiePath(provider),
        maxAge: this.config.OAUTH_FLOW_TTL_MINUTES * 60,
      } as const;
      void reply.setCookie(this.stateCookie, state, cookie);
      void (next === undefined
        ? reply.clearCookie(this.returnCookie, { path: cookie.path, secure: cookie.secure })
        : reply.setCookie(this.returnCookie, next, cookie));
      await reply.redirect(outcome.location, 302);
    });
  }

  /**
   * The provider's redirect back: checks state (single use, this browser's), exchanges the code with PKCE. The
   * token pair as JSON, or for the web app (transport=cookie) the session cookies and a 303 into the app.
   */
  @Get(':provider/callback')
  @ApiOkResponse({ ...SESSION_RESPONSE, description: 'transport=body: the token pair' })
  @ApiSeeOtherResponse({
    description:
      `transport=cookie: signed in, the session cookies set and the browser sent to the start's \`next\` ` +
      `(default \`${WEB_PAGES.home}\`). ${WEB_REFUSAL}; ACCOUNT_LINK_REQUIRED to ` +
      `\`${WEB_PAGES.linkAccount}?provider=…&token=<linkToken>\`, where the account's password links it`,
    headers: WEB_LOCATION,
  })
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
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const returnTo = request.cookies[this.returnCookie];
    // Set by the start from a checked `next`; checked again, as nothing from a request is trusted unread.
    const next = !returnTo ? undefined : WEB_RETURN_PATH_PATTERN.test(returnTo) ? returnTo : WEB_PAGES.home;
    const cookie = { path: this.cookiePath(provider), secure: this.sessions.secure };
    void reply.clearCookie(this.stateCookie, cookie).clearCookie(this.returnCookie, cookie);
    await this.answeringTheApp(reply, next, async () => {
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
      const outcome = await runStrategy(strategy, callbackRequest);
      if (outcome.kind !== 'success') {
        throw this.failure(provider, outcome);
      }
      const flow = (outcome.info as { state: FlowContext }).state;
      const user = await this.signIn.complete(outcome.user as ProviderProfile, flow);
      const session = await this.tokens.issue(user);
      if (flow.transport === 'cookie') {
        this.cookies.set(reply, session);
        await this.toApp(reply, next ?? WEB_PAGES.home);
        return;
      }
      await reply.status(200).send(session.pair);
    });
  }

  /**
   * Runs a step of the flow; for the web app (`next` set) a refusal becomes a 303 into the app instead of a
   * problem: ACCOUNT_LINK_REQUIRED to the page that asks for the account's password, any other code to the
   * sign-in page, which says what went wrong. Without `next` (mobile apps, API clients) the problem stands.
   */
  private async answeringTheApp(
    reply: FastifyReply,
    next: string | undefined,
    step: () => Promise<void>,
  ): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (next === undefined || !isDomainException(error)) {
        throw error;
      }
      const back: Record<string, string> = next === WEB_PAGES.home ? {} : { next };
      await this.toApp(
        reply,
        error instanceof AccountLinkRequiredException
          ? this.webPath(WEB_PAGES.linkAccount, { provider: error.provider, token: error.linkToken, ...back })
          : this.webPath(WEB_PAGES.signIn, { oauth: error.code, ...back }),
      );
    }
  }

  /** 303 to a page of the web app at PUBLIC_URL (`path` a path of the app: the start checked `next`). */
  private async toApp(reply: FastifyReply, path: string): Promise<void> {
    await reply.redirect(new URL(path, this.config.PUBLIC_URL).toString(), 303);
  }

  private webPath(page: string, query: Readonly<Record<string, string>>): string {
    return `${page}?${new URLSearchParams(query).toString()}`;
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
