import { describe, expect, it } from 'vitest';
import { deletionRevocation } from './revocation-payloads.js';
import { MemoryRevocationStore } from './revocation-store.js';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

describe('revocation payloads', () => {
  it('keeps a deletion without a horizon for the longest token lifetime', () => {
    const deletedAt = '2026-12-01T10:00:00.000Z';
    expect(deletionRevocation({ userId: 'u1', reason: 'deleted-by-admin', deletedAt })).toEqual({
      userId: 'u1',
      accessTokensExpireBy: '2026-12-02T10:00:00.000Z',
    });
    expect(
      deletionRevocation({
        userId: 'u1',
        reason: 'deleted-by-admin',
        deletedAt,
        accessTokensExpireBy: deletedAt,
      }),
    ).toEqual({ userId: 'u1', accessTokensExpireBy: deletedAt });
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
