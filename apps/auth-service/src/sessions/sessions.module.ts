import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module.js';
import { LoginThrottle } from '../throttling/login-throttle.js';
import { UsersModule } from '../users/users.module.js';
import { AuthenticationService } from './authentication.service.js';
import { SessionCookies } from './session-cookies.js';
import { SessionsController } from './sessions.controller.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [UsersModule, KeysModule],
  controllers: [SessionsController],
  providers: [AuthenticationService, TokenService, RefreshTokensRepository, SessionCookies, LoginThrottle],
  exports: [TokenService, AuthenticationService, SessionCookies, LoginThrottle],
})
export class SessionsModule {}
