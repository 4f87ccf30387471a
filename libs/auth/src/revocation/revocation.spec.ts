import { deliverWithRetry } from '@agora/messaging';
import type { EventEnvelope } from '@agora/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  parseRoleChanged,
  parseSessionRevoked,
  parseUserDeleted,
  RevocationPayloadError,
} from './revocation-payloads.js';
import { MemoryRevocationStore } from './revocation-store.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

describe('revocation payloads', () => {
  it('reads the contracts, and refuses what does not fit as poison', () => {
    const revokedAt = new Date().toISOString();
    expect(
      parseSessionRevoked({
        userId: 'u1',
        sessionIds: ['s1', 's2'],
        reason: 'logout',
        revokedAt,
        accessTokensExpireBy: revokedAt,
      }),
    ).toMatchObject({ sessionIds: ['s1', 's2'] });
    for (const bad of [
      null,
      'text',
      [],
      { userId: 'u1', sessionIds: [], reason: 'logout', revokedAt, accessTokensExpireBy: revokedAt },
      { userId: 'u1', sessionIds: ['s1'], reason: 'whim', revokedAt, accessTokensExpireBy: revokedAt },
      {
        userId: 'u1',
        sessionIds: ['s1'],
        reason: 'logout',
        revokedAt: 'yesterday',
        accessTokensExpireBy: revokedAt,
      },
      { sessionIds: ['s1'], reason: 'logout', revokedAt, accessTokensExpireBy: revokedAt },
    ]) {
      expect(() => parseSessionRevoked(bad)).toThrow(RevocationPayloadError);
    }
    expect(() =>
      parseRoleChanged({ userId: 'u1', tokenVersion: -1, accessTokensExpireBy: revokedAt }),
    ).toThrow(/tokenVersion/);
    expect(() =>
      parseRoleChanged({ userId: 'u1', tokenVersion: 1.5, accessTokensExpireBy: revokedAt }),
    ).toThrow(/tokenVersion/);
    expect(() => parseUserDeleted({ userId: 'u1' })).toThrow(/deletedAt/);
  });

  it('keeps a deletion without a horizon for the longest token lifetime', () => {
    const deletedAt = '2026-12-01T10:00:00.000Z';
    expect(parseUserDeleted({ userId: 'u1', reason: 'deleted-by-admin', deletedAt })).toEqual({
      userId: 'u1',
      accessTokensExpireBy: '2026-12-02T10:00:00.000Z',
    });
  });

  it('is dead-lettered at once by the bus, without retries', async () => {
    const event = {
      id: '01a20eb5-b89d-709d-8bf2-787d8dfcba9f',
      topic: 'auth.session.revoked.v1',
      key: 'u1',
      occurredAt: new Date().toISOString(),
      payload: { userId: 'u1' },
    } as unknown as EventEnvelope;
    let calls = 0;
    const dead: { attempts: number; error: string }[] = [];
    await deliverWithRetry(
      event,
      (envelope) => {
        calls += 1;
        parseSessionRevoked(envelope.payload);
        return Promise.resolve();
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, error, attempts) => {
        dead.push({ attempts, error: error.message });
        return Promise.resolve();
      },
      pino({ level: 'silent' }),
    );
    expect(calls).toBe(1);
    expect(dead).toEqual([
      { attempts: 1, error: 'auth.session.revoked.v1: sessionIds must be a non-empty list of ids' },
    ]);
  });
});

describe('MemoryRevocationStore', () => {
  it('refuses revoked sessions and tokens below a user’s version until the entries expire', async () => {
    const store = new MemoryRevocationStore();
    const token = { userId: 'u1', sessionId: 's1', tokenVersion: 1 };
    expect(await store.isRevoked(token)).toBe(false);
    await store.revokeSessions(['s1'], Date.now() + 60_000);
    expect(await store.isRevoked(token)).toBe(true);
    expect(await store.isRevoked({ ...token, sessionId: 's2' })).toBe(false);

    await store.revokeTokensBelow('u1', 2, Date.parse(inAMinute()));
    expect(await store.isRevoked({ ...token, sessionId: 's2' })).toBe(true);
    expect(await store.isRevoked({ ...token, sessionId: 's2', tokenVersion: 2 })).toBe(false);
    // An older event (lower version) arriving late never lowers the bar.
    await store.revokeTokensBelow('u1', 1, Date.parse(inAMinute()));
    expect(await store.isRevoked({ ...token, sessionId: 's2', tokenVersion: 1 })).toBe(true);

    await store.revokeSessions(['s3'], Date.now() - 1);
    expect(await store.isRevoked({ userId: 'u3', sessionId: 's3', tokenVersion: 0 })).toBe(false);
    await store.close();
  });
});
