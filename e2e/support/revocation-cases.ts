import { expect, it } from 'vitest';
import { claimsOf, PASSWORD, type IdentityClient } from './identity-client.js';

export interface RevocationContext {
  readonly api: IdentityClient;
  /** An admin's access token. */
  readonly admin: string;
  /** A login for this run (unique where counters outlive the test database, as in Redis). */
  readonly login: (base: string) => string;
}

/**
 * Issue 11 item 2: the five ways a sign-in ends, each refused by auth, social, catalog and media within
 * seconds (and the sign-ins that go on still accepted).
 */
export function revocationCases(context: () => RevocationContext): void {
  it('logout: the access token stops working in every service', async () => {
    const { api, login } = context();
    const session = await api.signedIn(login('rev_logout'));
    await api.expectAccepted(session.accessToken);
    expect((await api.call('POST', '/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(
      204,
    );
    expect(await api.expectRevokedEverywhere(session.accessToken)).toBeLessThan(5_000);
  });

  it('refresh-token reuse: every access token of the revoked family stops working', async () => {
    const { api, login } = context();
    const first = await api.signedIn(login('rev_reuse'));
    const rotated = await api.refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    await api.expectAccepted(rotated.body.accessToken);
    const reuse = await api.refresh(first.refreshToken);
    expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    await api.expectRevokedEverywhere(rotated.body.accessToken);
    await api.expectRevokedEverywhere(first.accessToken);
  });

  it("password change: the other sign-ins' tokens stop working, this one goes on", async () => {
    const { api, login } = context();
    const name = login('rev_password');
    const other = await api.signedIn(name);
    const current = await api.signIn(name);
    await api.expectAccepted(other.accessToken);
    const changed = await api.call('PATCH', '/me', {
      token: current.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(200);
    await api.expectRevokedEverywhere(other.accessToken);
    await api.expectAccepted(current.accessToken);
  });

  it('role change: tokens with the old role stop working; the refresh token brings the new one', async () => {
    const { api, admin, login } = context();
    const user = await api.signedIn(login('rev_role'));
    const promote = await api.call('PUT', `/users/${user.id}/role`, {
      token: admin,
      body: { role: 'moderator' },
    });
    expect(promote.status).toBe(200);
    await api.expectRevokedEverywhere(user.accessToken);
    const asModerator = await api.refresh(user.refreshToken);
    expect(asModerator.status).toBe(200);
    expect(claimsOf(asModerator.body.accessToken)).toMatchObject({ role: 'moderator', ver: 1 });
    await api.expectAccepted(asModerator.body.accessToken);

    // A demoted moderator's token is refused at once, not after 15 minutes.
    const demote = await api.call('PATCH', `/user/${user.id}`, { token: admin, body: { role: 'user' } });
    expect(demote.status).toBe(200);
    await api.expectRevokedEverywhere(asModerator.body.accessToken);
    const asUser = await api.refresh(asModerator.body.refreshToken);
    expect(claimsOf(asUser.body.accessToken)).toMatchObject({ role: 'user', ver: 2 });
    await api.expectAccepted(asUser.body.accessToken);
  });

  it("deletion: the deleted user's tokens stop working everywhere, and nothing is proposed with them", async () => {
    const { api, admin, login } = context();
    const user = await api.signedIn(login('rev_deleted'));
    await api.expectAccepted(user.accessToken);
    expect((await api.call('DELETE', `/user/${user.id}`, { token: admin })).status).toBe(204);
    await api.expectRevokedEverywhere(user.accessToken);
    const proposal = await api.call('POST', '/coffees', {
      token: user.accessToken,
      body: { name: 'A ghost coffee' },
    });
    expect(proposal.status).toBe(401);
    expect((await api.refresh(user.refreshToken)).status).toBe(401);
  });
}
