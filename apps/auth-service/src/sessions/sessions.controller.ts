import { AccessErrorCode, ApiAccessErrors } from '@agora/auth';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationService } from './authentication.service.js';
import { SessionCookies } from './session-cookies.js';
import { NoStore } from './no-store.interceptor.js';
import { CookieSessionDto, CredentialsDto, RefreshDto, TokenPairDto } from './token-pair.dto.js';
import { TokenService } from './token.service.js';
import { ApiAuthErrors, AuthErrorCode, AuthException } from '../auth.errors.js';

const SESSION_RESPONSE = {
  schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(CookieSessionDto) }] },
};

@ApiTags('sessions')
@ApiExtraModels(TokenPairDto, CookieSessionDto)
@NoStore()
@Controller()
export class SessionsController {
  constructor(
    private readonly authentication: AuthenticationService,
    private readonly tokens: TokenService,
    private readonly cookies: SessionCookies,
  ) {}

  /** Seed 001 `POST /authentication` and `POST /access`: a token pair for a login (or e-mail) and password. */
  @Post(['authentication', 'access'])
  @HttpCode(200)
  @ApiOkResponse(SESSION_RESPONSE)
  @ApiAuthErrors(
    AuthErrorCode.INVALID_CREDENTIALS,
    AuthErrorCode.EMAIL_NOT_VERIFIED,
    AuthErrorCode.TOO_MANY_ATTEMPTS,
  )
  async signIn(
    @Body() dto: CredentialsDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | CookieSessionDto> {
    const user = await this.authentication.authenticate(dto.login, dto.password, request.ip);
    return this.cookies.deliver(reply, await this.tokens.issue(user), dto.transport);
  }

  /** Seed 001 `POST /refresh`: a new pair for a refresh token, which is spent. */
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse(SESSION_RESPONSE)
  @ApiAuthErrors(
    AuthErrorCode.REFRESH_TOKEN_REQUIRED,
    AuthErrorCode.INVALID_REFRESH_TOKEN,
    AuthErrorCode.REFRESH_TOKEN_REUSED,
    AuthErrorCode.REFRESH_TOKEN_REVOKED,
    AuthErrorCode.REFRESH_TOKEN_EXPIRED,
  )
  @ApiAccessErrors(AccessErrorCode.CSRF_TOKEN_MISMATCH)
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | CookieSessionDto> {
    if (dto.refreshToken) {
      return (await this.tokens.refresh(dto.refreshToken)).pair;
    }
    const fromCookie = await this.cookies.refreshTokenOf(request);
    if (!fromCookie) {
      throw new AuthException(
        AuthErrorCode.REFRESH_TOKEN_REQUIRED,
        'Send refreshToken in the body, or the session cookies',
        {
          errors: [{ field: 'refreshToken', messages: ['refreshToken is required without session cookies'] }],
        },
      );
    }
    return this.cookies.set(reply, await this.tokens.refresh(fromCookie));
  }

  /** Ends the sign-in (its whole refresh-token family). */
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      "Signed out: the sign-in's access tokens stop working in every service within seconds; unknown tokens are ignored",
  })
  @ApiAccessErrors(AccessErrorCode.CSRF_TOKEN_MISMATCH)
  async logout(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = dto.refreshToken ?? (await this.cookies.refreshTokenOf(request));
    if (token) {
      await this.tokens.revokeByToken(token);
    }
    this.cookies.clear(reply);
  }
}
