import { AuthModule } from '@agora/auth';
import type { ServiceDefinition } from '@agora/runtime';
import { RateLimitModule } from '@agora/rate-limit';
import { Module } from '@nestjs/common';
import { AccountModule } from './account/account.module.js';
import { AuthConfig } from './auth.config.js';
import { KeysModule } from './keys/keys.module.js';
import { SigningKeyEntity } from './keys/signing-key.entity.js';
import { SigningKeyRing } from './keys/signing-key-ring.js';
import { authMigrations } from './migrations/index.js';
import { IdentityEntity } from './oauth/identity.entity.js';
import { IdentityLinkOfferEntity } from './oauth/identity-link-offer.entity.js';
import { OAuthFlowEntity } from './oauth/oauth-flow.entity.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { OrderMailEntity } from './orders/order-mail.entity.js';
import { OrderMailModule } from './orders/order-mail.module.js';
import { PurgeModule } from './purge/purge.module.js';
import { PasswordResetEntity } from './recovery/password-reset.entity.js';
import { RecoveryModule } from './recovery/recovery.module.js';
import { RefreshTokenEntity } from './sessions/refresh-token.entity.js';
import { seedDemoAccounts } from './seed/demo-accounts.seed.js';
import { SellerRolesModule } from './sellers/seller-roles.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { UserEntity } from './users/user.entity.js';
import { UsersModule } from './users/users.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { VerificationCodeEntity } from './verification/verification-code.entity.js';

@Module({
  imports: [
    AuthModule.forRoot({ keySource: { module: KeysModule, provider: SigningKeyRing } }),
    RateLimitModule.forRoot(),
    UsersModule,
    VerificationModule,
    KeysModule,
    SessionsModule,
    AccountModule,
    PurgeModule,
    RecoveryModule,
    OAuthModule,
    SellerRolesModule,
    OrderMailModule,
  ],
})
export class AuthServiceModule {}

export const authServiceDefinition: ServiceDefinition<AuthConfig> = {
  name: 'auth',
  title: 'Agora auth-service',
  description: 'Registration, identities, credentials, tokens, OAuth, roles and user management.',
  module: AuthServiceModule,
  entities: [
    UserEntity,
    VerificationCodeEntity,
    SigningKeyEntity,
    RefreshTokenEntity,
    PasswordResetEntity,
    IdentityEntity,
    OAuthFlowEntity,
    IdentityLinkOfferEntity,
    OrderMailEntity,
  ],
  migrations: authMigrations,
  config: AuthConfig,
  seed: seedDemoAccounts,
};
