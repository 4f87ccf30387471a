import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher.js';
import { RegistrationController } from './registration.controller.js';
import { RegistrationService } from './registration.service.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [RegistrationController],
  providers: [RegistrationService, UsersRepository, PasswordHasher],
})
export class UsersModule {}
