import { ConfigValidationError, loadConfig } from '@agora/config';
import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AuthConfig } from '../auth.config.js';
import { OAuthStrategies } from './oauth-strategies.js';
import { AuthException } from '../auth.errors.js';

const BASE_ENV = { PORT: '3001', DATABASE_URL: 'postgres://agora_auth@127.0.0.1:5432/agora', BUS: 'memory' };

/** The database is never touched here: strategies only use it once a sign-in starts. */
const unconnected = () => new DataSource({ type: 'postgres' });

describe('OAuthStrategies', () => {
  it('enables only providers with a client, and answers 404 for the others', () => {
    const config = loadConfig(AuthConfig, {
      ...BASE_ENV,
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
    });
    const strategies = new OAuthStrategies(config, unconnected());
    expect(strategies.enabled()).toEqual(['google']);
    expect(strategies.get('google').name).toBe('google');
    let refused: unknown;
    try {
      strategies.get('yandex');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AuthException);
    expect((refused as AuthException).status).toBe(404);
    expect((refused as AuthException).code).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('refuses to start with a client id but no secret', () => {
    expect(() => loadConfig(AuthConfig, { ...BASE_ENV, YANDEX_CLIENT_ID: 'id' })).toThrow(
      ConfigValidationError,
    );
    expect(() => loadConfig(AuthConfig, { ...BASE_ENV, YANDEX_CLIENT_ID: 'id' })).toThrow(
      /YANDEX_CLIENT_SECRET/,
    );
  });

  it('refuses at start-up a Google userinfo URL whose path does not end in /userinfo', () => {
    const google = { ...BASE_ENV, GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' };
    for (const url of [
      'https://www.googleapis.com/oauth2/v3/userinfo',
      'http://127.0.0.1:4000/userinfo',
      'https://idp.example/oidc/userinfo?schema=openid',
    ]) {
      expect(loadConfig(AuthConfig, { ...google, GOOGLE_USERINFO_URL: url }).GOOGLE_USERINFO_URL).toBe(url);
    }
    for (const url of [
      'https://www.googleapis.com/plus/v1/people/me',
      'http://127.0.0.1:4000/userinfo/extra',
      'http://127.0.0.1:4000/info?path=/userinfo',
      'http://userinfo',
    ]) {
      expect(() => loadConfig(AuthConfig, { ...google, GOOGLE_USERINFO_URL: url })).toThrow(
        /GOOGLE_USERINFO_URL must be an OpenID Connect userinfo endpoint whose path ends in \/userinfo/,
      );
    }
  });
});
