import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccountsService } from './accounts.service.js';
import { MeController } from './me.controller.js';
import { UsersController } from './users.controller.js';

@Module({
  imports: [UsersModule, SessionsModule],
  controllers: [MeController, UsersController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountModule {}
