import { ProblemDetails } from '@agora/http';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserDto } from '../users/user.dto.js';
import { AcceptedDto, EmailDto, VerificationDto } from './verification.dto.js';
import { VerificationService } from './verification.service.js';

const RESEND_ANSWER: AcceptedDto = {
  detail: 'If the address belongs to an account that needs it, a message is on its way.',
};

@ApiTags('verification')
@Controller('verification')
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  /** Seed 001 `POST /verification`: the six digits from the registration mail. */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Wrong, expired or exhausted code' })
  verify(@Body() dto: VerificationDto): Promise<UserDto> {
    return this.verification.verify(dto.email, dto.code);
  }

  /** The link in the mail. */
  @Get()
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ProblemDetails, description: 'Wrong, expired or exhausted code' })
  verifyLink(@Query() query: VerificationDto): Promise<UserDto> {
    return this.verification.verify(query.email, query.code);
  }

  /** A new code, which cancels the previous one. The answer is the same for every address. */
  @Post('resend')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AcceptedDto })
  async resend(@Body() dto: EmailDto): Promise<AcceptedDto> {
    await this.verification.resend(dto.email);
    return RESEND_ANSWER;
  }
}
