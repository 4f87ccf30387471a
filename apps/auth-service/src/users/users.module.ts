import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { VerificationCodes } from '../verification/verification-codes.js';
import { VerificationCodesRepository } from '../verification/verification-codes.repository.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { PasswordHasher } from './password-hasher.js';
import { RegistrationController } from './registration.controller.js';
import { RegistrationService } from './registration.service.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [MailModule],
  controllers: [RegistrationController],
  providers: [
    RegistrationService,
    UsersRepository,
    PasswordHasher,
    VerificationCodes,
    VerificationCodesRepository,
    AdminBootstrap,
  ],
  exports: [UsersRepository, PasswordHasher, VerificationCodes],
})
export class UsersModule {}
