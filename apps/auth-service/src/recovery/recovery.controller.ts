import { byBodyField, RateLimit } from '@agora/rate-limit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { AuthConfig } from '../auth.config.js';
import { AcceptedDto, EmailDto } from '../verification/verification.dto.js';
import { PasswordResetDto } from './recovery.dto.js';
import { RecoveryService } from './recovery.service.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

const RECOVERY_ANSWER: AcceptedDto = {
  detail: 'If the address belongs to an account, a reset token is on its way.',
};

@ApiTags('password recovery')
@Controller('password')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  /**
   * Mails a reset token; the same answer, as fast, whether or not the address has an account. The limits
   * count requests per e-mail address and per client address before any lookup, so a 429 says nothing
   * about the account either.
   */
  @Post('recovery')
  @HttpCode(202)
  @RateLimit<AuthConfig>({
    name: 'auth.recovery.ip',
    by: 'ip',
    limit: (config) => config.RECOVERY_MAX_PER_IP,
    windowSeconds: (config) => config.AUTH_LIMIT_WINDOW_SECONDS,
    detail: 'Too many recovery requests from this address',
  })
  @RateLimit<AuthConfig>({
    name: 'auth.recovery.email',
    by: byBodyField('email'),
    limit: (config) => config.RECOVERY_MAX_PER_ADDRESS,
    windowSeconds: (config) => config.AUTH_LIMIT_WINDOW_SECONDS,
    detail: 'Too many recovery requests for this e-mail address',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  requestReset(@Body() dto: EmailDto): AcceptedDto {
    this.recovery.request(dto.email);
    return RECOVERY_ANSWER;
  }

  /** Sets a new password with the mailed token and ends every sign-in of the account. */
  @Post('reset')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiAuthErrors(AuthErrorCode.INVALID_RESET_TOKEN, AuthErrorCode.WEAK_PASSWORD)
  reset(@Body() dto: PasswordResetDto): Promise<void> {
    return this.recovery.reset(dto.token, dto.password);
  }
}
