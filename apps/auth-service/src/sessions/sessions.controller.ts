import { ProblemDetails } from '@agora/http';
import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationService } from './authentication.service.js';
import { SessionCookies } from './session-cookies.js';
import { NoStore } from './no-store.interceptor.js';
import { CookieSessionDto, CredentialsDto, RefreshDto, TokenPairDto } from './token-pair.dto.js';
import { TokenService } from './token.service.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

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
  @ApiUnauthorizedResponse({
    type: ProblemDetails,
    description: 'INVALID_CREDENTIALS, the same for unknown users',
  })
  @ApiForbiddenResponse({ type: ProblemDetails, description: 'EMAIL_NOT_VERIFIED' })
  @ApiTooManyRequestsResponse({
    type: ProblemDetails,
    description:
      'TOO_MANY_ATTEMPTS: too many failed sign-ins for the account or from the address; see Retry-After',
  })
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
  @ApiUnauthorizedResponse({ type: ProblemDetails, description: 'Unknown, expired, revoked or reused token' })
  @ApiForbiddenResponse({
    type: ProblemDetails,
    description: 'CSRF_TOKEN_MISMATCH: a cookie session without its CSRF token',
  })
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
  @ApiForbiddenResponse({
    type: ProblemDetails,
    description: 'CSRF_TOKEN_MISMATCH: a cookie session without its CSRF token',
  })
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
