import { ProblemDetails } from '@agora/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RegisteredUserDto, RegistrationDto } from './registration.dto.js';
import { RegistrationService } from './registration.service.js';

@ApiTags('registration')
@Controller('registration')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  /** Seed 001 `POST /registration`. */
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: RegisteredUserDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Invalid e-mail, login or password' })
  @ApiConflictResponse({ type: ProblemDetails, description: 'E-mail or login already registered' })
  register(@Body() dto: RegistrationDto): Promise<RegisteredUserDto> {
    return this.registration.register(dto);
  }
}
