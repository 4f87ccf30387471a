import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { RecoveryController } from './recovery.controller.js';
import { PasswordResetsRepository } from './password-resets.repository.js';
import { RecoveryService } from './recovery.service.js';

@Module({
  imports: [UsersModule, SessionsModule, MailModule],
  controllers: [RecoveryController],
  providers: [RecoveryService, PasswordResetsRepository],
})
export class RecoveryModule {}
