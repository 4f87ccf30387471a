import { ProblemDetails, ProblemException } from '@agora/http';
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
import { CookieSessionDto, CredentialsDto, RefreshDto, TokenPairDto } from './token-pair.dto.js';
import { TokenService } from './token.service.js';

const SESSION_RESPONSE = {
  schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(CookieSessionDto) }] },
};

@ApiTags('sessions')
@ApiExtraModels(TokenPairDto, CookieSessionDto)
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
  @ApiTooManyRequestsResponse({ type: ProblemDetails, description: 'Too many failures; see Retry-After' })
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
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairDto | CookieSessionDto> {
    if (dto.refreshToken) {
      return this.tokens.refresh(dto.refreshToken);
    }
    const fromCookie = this.cookies.refreshTokenOf(request);
    if (!fromCookie) {
      throw new ProblemException(400, {
        code: 'REFRESH_TOKEN_REQUIRED',
        detail: 'Send refreshToken in the body, or the session cookies',
        errors: [{ field: 'refreshToken', messages: ['refreshToken is required without session cookies'] }],
      });
    }
    return this.cookies.set(reply, await this.tokens.refresh(fromCookie));
  }

  /** Ends the sign-in (its whole refresh-token family). */
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out; unknown tokens are ignored' })
  async logout(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const token = dto.refreshToken ?? this.cookies.refreshTokenOf(request);
    if (token) {
      await this.tokens.revokeByToken(token);
    }
    this.cookies.clear(reply);
  }
}
