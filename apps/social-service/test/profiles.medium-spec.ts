import type { EventEnvelope, PayloadOf, Topic } from '@agora/contracts';
import {
  AuthTestClient,
  connectRealtime,
  provisionAllServices,
  queryRows,
  startServicesInProcess,
  startSmtpInbox,
  type InProcessServices,
  type SmtpInbox,
} from '@agora/testing';
import { v7 as uuidv7 } from 'uuid';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { authServiceDefinition } from '../../auth-service/src/auth-service.definition.js';
import { socialServiceDefinition } from '../src/social-service.definition.js';

interface Profile {
  userId: string;
  login: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: string;
}

/**
 * Profiles on real PostgreSQL, fed by auth's account events on the in-process bus: only verified accounts
 * are public, provider names and pictures come with the registration, and events that overtake the
 * registration (topics are not ordered with each other) are neither lost nor applied twice.
 */
describe('social-service profiles', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: InProcessServices;
  let inbox: SmtpInbox;
  let social: string;
  /** The access token of a signed-in user: sockets are authenticated at the handshake. */
  let token: string;

  const envelope = <T extends Topic>(topic: T, key: string, payload: PayloadOf<T>): EventEnvelope => ({
    id: uuidv7(),
    topic,
    key,
    occurredAt: new Date().toISOString(),
    payload,
  });
  const registered = (
    userId: string,
    login: string,
    extra: Partial<PayloadOf<'auth.user.registered.v1'>> = {},
  ) =>
    envelope('auth.user.registered.v1', userId, {
      userId,
      login,
      email: `${login}@example.com`,
      registeredAt: new Date().toISOString(),
      ...extra,
    });
  const verified = (userId: string) =>
    envelope('auth.user.verified.v1', userId, { userId, verifiedAt: new Date().toISOString() });
  const renamed = (userId: string, login: string, verified?: boolean) =>
    envelope('auth.user.updated.v1', userId, {
      userId,
      login,
      email: `${login}@example.com`,
      ...(verified === undefined ? {} : { verified }),
      updatedAt: new Date().toISOString(),
    });
  const deleted = (userId: string) =>
    envelope('auth.user.deleted.v1', userId, {
      userId,
      reason: 'deleted-by-admin',
      deletedAt: new Date().toISOString(),
    });
  const publish = (...events: EventEnvelope[]) => platform.bus.publish(events);
  const row = async (userId: string) =>
    (
      await queryRows<{ login: string; display_name: string; verified: boolean; version: number }>(
        adminUrl,
        `SELECT login, display_name, verified, version FROM social.profiles WHERE id = $1`,
        [userId],
      )
    )[0];
  const getProfile = (userId: string) => fetch(`${social}/profiles/${userId}`);
  const listed = async (login: string): Promise<Profile[]> => {
    const reply = await fetch(`${social}/profiles?filter[login]=${encodeURIComponent(login)}`);
    expect(reply.status).toBe(200);
    return ((await reply.json()) as { items: Profile[] }).items;
  };

  beforeAll(async () => {
    await provisionAllServices(adminUrl);
    inbox = await startSmtpInbox();
    platform = await startServicesInProcess(adminUrl, [authServiceDefinition, socialServiceDefinition], {
      SMTP_URL: inbox.url,
    });
    social = platform.services.social.url;
    token = (await new AuthTestClient(platform.services.auth.url, inbox).signedIn('pv_socket')).accessToken;
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('keeps an unverified account private: 404 by id, not listed, not pushed; verification publishes it', async () => {
    const realtime = await connectRealtime(social, { token });
    try {
      await realtime.subscribe('profiles');
      const pushed: Profile[] = [];
      realtime.socket.on('profile.created', (profile: Profile) => pushed.push(profile));
      const hidden = uuidv7();
      const shown = uuidv7();
      await publish(registered(hidden, 'pv_hidden'));
      await publish(registered(shown, 'pv_shown'), verified(shown));
      await realtime.next<Profile>('profile.created', (profile) => profile.userId === shown);

      expect(await row(hidden)).toMatchObject({ login: 'pv_hidden', verified: false });
      const missing = await getProfile(hidden);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(await missing.json()).toMatchObject({ code: 'PROFILE_NOT_FOUND' });
      expect(await listed('pv_hidden')).toEqual([]);
      expect(pushed.map((profile) => profile.login)).toEqual(['pv_shown']);

      const nowPublic = realtime.next<Profile>('profile.created', (profile) => profile.userId === hidden);
      await publish(verified(hidden));
      expect(await nowPublic).toMatchObject({ login: 'pv_hidden' });
      const reply = await getProfile(hidden);
      expect(reply.status).toBe(200);
      const profile = (await reply.json()) as Profile;
      // Exactly the public fields: no e-mail, role or verification flag; the version is the ETag.
      expect(Object.keys(profile).sort()).toEqual([
        'avatarMediaId',
        'avatarUrl',
        'bio',
        'contacts',
        'createdAt',
        'displayName',
        'followersCount',
        'followingCount',
        'login',
        'marketplaceLinks',
        'messagesFrom',
        'postsCount',
        'private',
        'sellerRating',
        'sellerReviewsCount',
        'userId',
        'version',
      ]);
      expect(profile).toMatchObject({
        userId: hidden,
        login: 'pv_hidden',
        displayName: 'pv_hidden',
        avatarUrl: null,
      });
      expect((await listed('pv_hidden')).map((item) => item.userId)).toEqual([hidden]);
    } finally {
      realtime.close();
    }
  });

  it("takes a provider's name and https picture for a new profile, and nothing else", async () => {
    const google = uuidv7();
    const plainHttp = uuidv7();
    const blank = uuidv7();
    await publish(
      registered(google, 'pv_google', {
        displayName: '  Anna   Karenina ',
        avatarUrl: 'https://lh3.googleusercontent.com/a/anna=s96-c',
      }),
      verified(google),
      registered(plainHttp, 'pv_http', {
        displayName: 'Я'.repeat(100),
        avatarUrl: 'http://avatars.example/pic.png',
      }),
      verified(plainHttp),
      registered(blank, 'pv_blank', { displayName: '   ', avatarUrl: 'javascript:alert(1)' }),
      verified(blank),
    );
    expect(await (await getProfile(google)).json()).toMatchObject({
      login: 'pv_google',
      displayName: 'Anna Karenina',
      avatarUrl: 'https://lh3.googleusercontent.com/a/anna=s96-c',
    });
    expect(await (await getProfile(plainHttp)).json()).toMatchObject({
      displayName: 'Я'.repeat(64),
      avatarUrl: null,
    });
    expect(await (await getProfile(blank)).json()).toMatchObject({
      displayName: 'pv_blank',
      avatarUrl: null,
    });
  });

  it('folds renames and a verification that overtook the registration into the new profile, once each', async () => {
    const userId = uuidv7();
    const early = [renamed(userId, 'pv_early_1'), verified(userId), renamed(userId, 'pv_early_2')];
    await publish(...early);
    expect(await row(userId)).toBeUndefined();
    const registration = registered(userId, 'pv_early');
    await publish(registration);
    // Redelivered, in any order: the inbox absorbs every one.
    await publish(registration, ...early.reverse());
    expect(await row(userId)).toEqual({
      login: 'pv_early_2',
      display_name: 'pv_early_2',
      verified: true,
      version: 4,
    });
    const later = renamed(userId, 'pv_early_3');
    await publish(later, later);
    expect(await row(userId)).toMatchObject({ login: 'pv_early_3', display_name: 'pv_early_3', version: 5 });
    const pending = await queryRows(
      adminUrl,
      `SELECT 1 FROM social.early_account_events WHERE user_id = $1`,
      [userId],
    );
    expect(pending).toEqual([]);
  });

  it("sees what the account lock's previous holder committed while the registration waited for it", async () => {
    const userId = uuidv7();
    const holder = new pg.Client({ connectionString: adminUrl });
    await holder.connect();
    try {
      // A verification that overtook the registration, applied while the registration waits for the lock.
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `social.account:${userId}`,
      ]);
      const registration = publish(registered(userId, 'pv_waited'));
      await vi.waitFor(
        async () => {
          const waiting = await holder.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()`,
          );
          expect(waiting.rowCount).toBeGreaterThan(0);
        },
        { timeout: 5_000, interval: 20 },
      );
      await holder.query(
        `INSERT INTO social.early_account_events (user_id, verified, changes) VALUES ($1, true, 1)`,
        [userId],
      );
      await holder.query('COMMIT');
      await registration;
    } finally {
      await holder.end();
    }
    expect(await row(userId)).toEqual({
      login: 'pv_waited',
      display_name: 'pv_waited',
      verified: true,
      version: 2,
    });
  });

  it('never revives a deleted account, whatever order its events arrive in', async () => {
    const deletedFirst = uuidv7();
    await publish(deleted(deletedFirst), verified(deletedFirst), registered(deletedFirst, 'pv_gone_first'));
    expect(await row(deletedFirst)).toBeUndefined();
    expect((await getProfile(deletedFirst)).status).toBe(404);

    const deletedLast = uuidv7();
    await publish(registered(deletedLast, 'pv_gone_last'), verified(deletedLast));
    expect((await getProfile(deletedLast)).status).toBe(200);
    await publish(deleted(deletedLast), renamed(deletedLast, 'pv_gone_late_rename'));
    expect(await row(deletedLast)).toBeUndefined();
    expect((await getProfile(deletedLast)).status).toBe(404);
  });

  it('counts every applied change in the version, and a redelivery in none', async () => {
    const userId = uuidv7();
    const events = [
      registered(userId, 'pv_count'),
      verified(userId),
      ...Array.from({ length: 5 }, (_, index) => renamed(userId, `pv_count_${index}`)),
    ];
    await publish(...events);
    await publish(...events);
    expect(await row(userId)).toMatchObject({ login: 'pv_count_4', version: 7 });
    const inbox = await queryRows<{ count: string }>(
      adminUrl,
      `SELECT count(*) FROM social.inbox WHERE consumer = 'social.profiles' AND event_id = ANY($1::uuid[])`,
      [events.map((event) => event.id)],
    );
    expect(Number(inbox[0].count)).toBe(events.length);
  });

  it('hides the profile of an account an admin un-verifies, and shows it again once verified', async () => {
    const realtime = await connectRealtime(social, { token });
    try {
      await realtime.subscribe('profiles');
      const userId = uuidv7();
      await publish(registered(userId, 'pv_toggle'), verified(userId));
      expect((await getProfile(userId)).status).toBe(200);

      await publish(renamed(userId, 'pv_toggle', false));
      expect(await row(userId)).toMatchObject({ verified: false });
      expect((await getProfile(userId)).status).toBe(404);
      expect(await listed('pv_toggle')).toEqual([]);

      // An update from before the flag existed leaves visibility alone.
      await publish(renamed(userId, 'pv_toggle_2'));
      expect((await getProfile(userId)).status).toBe(404);

      const shownAgain = realtime.next<Profile>('profile.created', (profile) => profile.userId === userId);
      await publish(renamed(userId, 'pv_toggle_2', true));
      expect(await shownAgain).toMatchObject({ login: 'pv_toggle_2' });
      expect((await getProfile(userId)).status).toBe(200);
      expect((await listed('pv_toggle_2')).map((profile) => profile.userId)).toEqual([userId]);
    } finally {
      realtime.close();
    }
  });

  it('dead-letters a registration whose name or picture is not text, and creates nothing', async () => {
    const userId = uuidv7();
    const poison = registered(userId, 'pv_poison', { displayName: 5 as unknown as string });
    await publish(poison);
    expect(platform.bus.deadLetters.map((letter) => letter.event.id)).toContain(poison.id);
    expect(await row(userId)).toBeUndefined();
  });
});
