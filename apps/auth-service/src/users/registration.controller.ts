import { byBodyField, RateLimit } from '@agora/rate-limit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { AuthConfig } from '../auth.config.js';
import { RegisteredUserDto, RegistrationDto } from './registration.dto.js';
import { RegistrationService } from './registration.service.js';
import { ApiAuthErrors, AuthErrorCode } from '../auth.errors.js';

@ApiTags('registration')
@Controller('registration')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  /** Seed 001 `POST /registration`; each costs an argon2 hash and a mail, so it is limited per address and e-mail. */
  @Post()
  @HttpCode(201)
  @RateLimit<AuthConfig>({
    name: 'auth.registration.ip',
    by: 'ip',
    limit: (config) => config.REGISTRATION_MAX_PER_IP,
    windowSeconds: (config) => config.AUTH_LIMIT_WINDOW_SECONDS,
    detail: 'Too many registrations from this address',
  })
  @RateLimit<AuthConfig>({
    name: 'auth.registration.email',
    by: byBodyField('email'),
    limit: (config) => config.REGISTRATION_MAX_PER_ADDRESS,
    windowSeconds: (config) => config.AUTH_LIMIT_WINDOW_SECONDS,
    detail: 'Too many registrations for this e-mail address',
  })
  @ApiCreatedResponse({ type: RegisteredUserDto })
  @ApiAuthErrors(AuthErrorCode.WEAK_PASSWORD, AuthErrorCode.EMAIL_TAKEN, AuthErrorCode.LOGIN_TAKEN)
  register(@Body() dto: RegistrationDto): Promise<RegisteredUserDto> {
    return this.registration.register(dto);
  }
}
