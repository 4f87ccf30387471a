import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { IdentitiesController } from './identities.controller.js';
import { IdentitiesRepository } from './identities.repository.js';
import { IdentitiesService } from './identities.service.js';
import { IdentityLinkOffersRepository } from './identity-link-offers.repository.js';
import { OAuthController } from './oauth.controller.js';
import { OAuthSignInService } from './oauth-sign-in.service.js';
import { OAuthStrategies } from './oauth-strategies.js';

@Module({
  imports: [UsersModule, SessionsModule],
  controllers: [OAuthController, IdentitiesController],
  providers: [
    OAuthStrategies,
    OAuthSignInService,
    IdentitiesService,
    IdentitiesRepository,
    IdentityLinkOffersRepository,
  ],
})
export class OAuthModule {}
