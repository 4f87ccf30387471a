import { generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenError, AccessTokenVerifier } from './access-token.js';

const options = { issuer: 'https://agora.test', audience: 'agora' };

async function keys() {
  const pair = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  let lookups = 0;
  const getKey: JWTVerifyGetKey = () => {
    lookups += 1;
    return pair.publicKey;
  };
  const sign = (expiresAt: number, subject = 'user-1') =>
    new SignJWT({ role: 'user', sid: 'session-1', ver: 0 })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(pair.privateKey);
  return { getKey, sign, lookups: () => lookups };
}

describe('AccessTokenVerifier', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks a token once and answers it from memory until it expires', async () => {
    const { getKey, sign, lookups } = await keys();
    const verifier = new AccessTokenVerifier(getKey, options);
    const token = await sign(Date.now() + 60_000);
    const first = await verifier.verify(token);
    const again = await verifier.verify(token);
    expect(again).toEqual(first);
    expect(first.id).toBe('user-1');
    expect(lookups()).toBe(1);
    expect((await verifier.verify(await sign(Date.now() + 60_000, 'user-2'))).id).toBe('user-2');
    expect(lookups()).toBe(2);
  });

  it('refuses a remembered token once it has expired', async () => {
    const { getKey, sign, lookups } = await keys();
    const verifier = new AccessTokenVerifier(getKey, options);
    const token = await sign(Date.now() + 5_000);
    await verifier.verify(token);
    vi.useFakeTimers({ now: Date.now() + 10_000, toFake: ['Date'] });
    const refused = await verifier.verify(token).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AccessTokenError);
    expect((refused as AccessTokenError).reason).toBe('expired');
    expect(lookups()).toBe(2);
  });

  it('remembers nothing of a token that fails', async () => {
    const { getKey, sign, lookups } = await keys();
    const verifier = new AccessTokenVerifier(getKey, options);
    const token = await sign(Date.now() + 60_000);
    const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await verifier.verify(tampered).catch((error: unknown) => error);
      expect((refused as AccessTokenError).reason).toBe('invalid');
    }
    expect(lookups()).toBe(2);
  });
});
