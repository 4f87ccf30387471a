import { API_PREFIX } from '@agora/contracts';
import { Injectable } from '@nestjs/common';
import type { OAuth2 } from 'oauth';
import type { Profile } from 'passport';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import type OAuth2Strategy from 'passport-oauth2';
import { Strategy as YandexStrategy } from 'passport-yandex';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../auth.config.js';
import { OAuthFlowStore } from './oauth-flow-store.js';
import {
  OAUTH_PROVIDERS,
  toProviderProfile,
  type OAuthProviderName,
  type ProviderProfile,
} from './oauth-provider.js';
import { AuthErrorCode, AuthException } from '../auth.errors.js';

/** The userinfo address passport-yandex calls; YANDEX_USERINFO_URL replaces it. */
const PASSPORT_YANDEX_USERINFO_URL = 'https://login.yandex.ru/info?format=json';

/** node-oauth's client inside a passport-oauth2 strategy (`protected` in the typings, meant for subclasses). */
function oauthClientOf(strategy: OAuth2Strategy): OAuth2 {
  return (strategy as unknown as { _oauth2: OAuth2 })._oauth2;
}

type VerifyProfile = (
  accessToken: string,
  refreshToken: string,
  profile: Profile,
  done: (error: null, user: ProviderProfile) => void,
) => void;

/** passport's verify callback: hands our profile on; accounts are found or made after the strategy ends. */
function verifyAs(provider: OAuthProviderName): VerifyProfile {
  return (_accessToken, _refreshToken, profile, done) => done(null, toProviderProfile(provider, profile));
}

/**
 * The passport strategies of the configured providers (passport-google-oauth20, passport-yandex), with
 * every endpoint from config, PKCE, and state kept in the database.
 */
@Injectable()
export class OAuthStrategies {
  private readonly strategies = new Map<OAuthProviderName, OAuth2Strategy>();

  constructor(
    private readonly config: AuthConfig,
    dataSource: DataSource,
  ) {
    const store = (provider: OAuthProviderName) =>
      // Our store takes the PKCE verifier (five parameters), which passport-oauth2's typings do not model.
      new OAuthFlowStore(
        dataSource,
        provider,
        config.OAUTH_FLOW_TTL_MINUTES,
      ) as unknown as OAuth2Strategy.StateStore;
    if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
      const google = new GoogleStrategy(
        {
          clientID: config.GOOGLE_CLIENT_ID,
          clientSecret: config.GOOGLE_CLIENT_SECRET,
          callbackURL: this.callbackUrl('google'),
          authorizationURL: config.GOOGLE_AUTHORIZATION_URL,
          tokenURL: config.GOOGLE_TOKEN_URL,
          userProfileURL: config.GOOGLE_USERINFO_URL,
          scope: ['openid', 'email', 'profile'],
          pkce: true,
          state: true,
          store: store('google'),
        },
        verifyAs('google'),
      );
      // The access token goes in the Authorization header, not the userinfo URL (where logs keep it).
      oauthClientOf(google).useAuthorizationHeaderforGET(true);
      this.strategies.set('google', google);
    }
    if (config.YANDEX_CLIENT_ID && config.YANDEX_CLIENT_SECRET) {
      const yandex = new YandexStrategy(
        {
          clientID: config.YANDEX_CLIENT_ID,
          clientSecret: config.YANDEX_CLIENT_SECRET,
          callbackURL: this.callbackUrl('yandex'),
          authorizationURL: config.YANDEX_AUTHORIZATION_URL,
          tokenURL: config.YANDEX_TOKEN_URL,
          scope: ['login:email', 'login:info'],
          pkce: true,
          state: true,
          store: store('yandex'),
        },
        verifyAs('yandex'),
      );
      const client = oauthClientOf(yandex);
      // Yandex ID takes `Authorization: OAuth <token>`; passport-yandex's userinfo URL is fixed, so it is
      // swapped for the configured one here.
      client.setAuthMethod('OAuth');
      client.useAuthorizationHeaderforGET(true);
      const get = client.get.bind(client);
      client.get = (url, accessToken, callback) =>
        get(url === PASSPORT_YANDEX_USERINFO_URL ? config.YANDEX_USERINFO_URL : url, accessToken, callback);
      this.strategies.set('yandex', yandex);
    }
  }

  /** The configured providers, for the API description and listings. */
  enabled(): OAuthProviderName[] {
    return OAUTH_PROVIDERS.filter((provider) => this.strategies.has(provider));
  }

  /** The provider's strategy; 404 when the provider has no client configured. */
  get(provider: OAuthProviderName): OAuth2Strategy {
    const strategy = this.strategies.get(provider);
    if (!strategy) {
      throw new AuthException(
        AuthErrorCode.PROVIDER_NOT_CONFIGURED,
        `Sign-in with ${provider} is not set up on this server`,
      );
    }
    return strategy;
  }

  /** Where the provider sends the browser back: the gateway's public address. */
  private callbackUrl(provider: OAuthProviderName): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}${API_PREFIX}/auth/${provider}/callback`;
  }
}
