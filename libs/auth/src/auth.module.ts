import { ServiceConfig } from '@agora/config';
import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { AccessTokenGuard, OptionalAccessTokenGuard } from './access-token.guard.js';
import { AccessTokenVerifier } from './access-token.js';
import { RevocationList, revocationStoreProvider } from './revocation/revocation-list.js';
import { RevocationEvents } from './revocation/revocation.events.js';
import { WebSessions } from './web-session.js';

/** Where verifiers get auth-service's public keys; auth-service itself reads its own key ring. */
export abstract class AccessTokenKeySource {
  abstract readonly getKey: JWTVerifyGetKey;
}

export interface AuthModuleOptions {
  /** A module exporting an AccessTokenKeySource (auth-service); otherwise the JWKS at JWKS_URL. */
  readonly keySource?: { readonly module: Type<unknown>; readonly provider: Type<AccessTokenKeySource> };
}

/**
 * Access-token verification for every route of a service: `@Authenticated()`, `@CurrentUser()`, web
 * sessions (cookie names, CSRF), and the revocation list with its event handlers (ended sessions,
 * changed roles, deleted users), so every service that imports it refuses revoked tokens within seconds.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const keySource = options.keySource;
    const verifier: Provider = keySource
      ? {
          provide: AccessTokenVerifier,
          inject: [ServiceConfig, keySource.provider],
          useFactory: (config: ServiceConfig, keys: AccessTokenKeySource) =>
            new AccessTokenVerifier(keys.getKey, {
              issuer: config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
            }),
        }
      : {
          provide: AccessTokenVerifier,
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) =>
            new AccessTokenVerifier(createRemoteJWKSet(new URL(config.JWKS_URL)), {
              issuer: config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
            }),
        };
    return {
      module: AuthModule,
      imports: keySource ? [keySource.module] : [],
      controllers: [RevocationEvents],
      providers: [
        verifier,
        revocationStoreProvider(),
        RevocationList,
        WebSessions,
        AccessTokenGuard,
        OptionalAccessTokenGuard,
      ],
      exports: [AccessTokenVerifier, RevocationList, WebSessions, AccessTokenGuard, OptionalAccessTokenGuard],
    };
  }
}
