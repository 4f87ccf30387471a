import { byBodyField, byQueryField, RateLimit } from '@agora/rate-limit';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '../auth.config.js';
import { AcceptedDto, EmailDto, VerificationDto, VerifiedDto } from './verification.dto.js';
import { VerificationService } from './verification.service.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

const RESEND_ANSWER: AcceptedDto = {
  detail: 'If the address belongs to an account that needs it, a message is on its way.',
};

/** An unknown or already verified address answers exactly as a wrong code (INVALID_VERIFICATION_CODE). */
const ApiVerificationErrors = () =>
  ApiAuthErrors(
    AuthErrorCode.INVALID_VERIFICATION_CODE,
    AuthErrorCode.VERIFICATION_CODE_EXPIRED,
    AuthErrorCode.VERIFICATION_ATTEMPTS_EXHAUSTED,
  );

const window = (config: AuthConfig): number => config.AUTH_LIMIT_WINDOW_SECONDS;

/** Attempts with a code (the form and the link share one budget), counted across resends. */
const AttemptsPerIp = () =>
  RateLimit<AuthConfig>({
    name: 'auth.verification.ip',
    by: 'ip',
    limit: (config) => config.VERIFICATION_MAX_ATTEMPTS_PER_IP,
    windowSeconds: window,
    detail: 'Too many verification attempts from this address',
  });

const AttemptsPerAddress = (by: (request: FastifyRequest) => string | undefined) =>
  RateLimit<AuthConfig>({
    name: 'auth.verification.email',
    by,
    limit: (config) => config.VERIFICATION_MAX_ATTEMPTS_PER_ADDRESS,
    windowSeconds: window,
    detail: 'Too many verification attempts for this e-mail address',
  });

@ApiTags('verification')
@Controller('verification')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  /** Seed 001 `POST /verification`: the six digits from the registration mail. Never answers account data. */
  @Post()
  @HttpCode(200)
  @AttemptsPerIp()
  @AttemptsPerAddress(byBodyField('email'))
  @ApiOkResponse({ type: VerifiedDto })
  @ApiVerificationErrors()
  verify(@Body() dto: VerificationDto): Promise<VerifiedDto> {
    return this.verification.verify(dto.email, dto.code);
  }

  /** The link in the mail; the same answers as `POST /verification`. */
  @Get()
  @AttemptsPerIp()
  @AttemptsPerAddress(byQueryField('email'))
  @ApiOkResponse({ type: VerifiedDto })
  @ApiVerificationErrors()
  verifyLink(@Query() query: VerificationDto): Promise<VerifiedDto> {
    return this.verification.verify(query.email, query.code);
  }

  /**
   * A new code, which cancels the previous one (the attempts above are still counted). The answer is the
   * same for every address; the limits count requests before any lookup, so a 429 says nothing either.
   */
  @Post('resend')
  @HttpCode(202)
  @RateLimit<AuthConfig>({
    name: 'auth.verification-resend.ip',
    by: 'ip',
    limit: (config) => config.VERIFICATION_RESEND_MAX_PER_IP,
    windowSeconds: window,
    detail: 'Too many codes requested from this address',
  })
  @RateLimit<AuthConfig>({
    name: 'auth.verification-resend.email',
    by: byBodyField('email'),
    limit: (config) => config.VERIFICATION_RESEND_MAX_PER_ADDRESS,
    windowSeconds: window,
    detail: 'Too many codes requested for this e-mail address',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  async resend(@Body() dto: EmailDto): Promise<AcceptedDto> {
    await this.verification.resend(dto.email);
    return RESEND_ANSWER;
  }
}
