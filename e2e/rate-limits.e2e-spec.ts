import {
  atOnce,
  png,
  copies,
  eventually,
  queryRows,
  startSmtpInbox,
  type JsonResponse,
  type SmtpInbox,
} from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IdentityClient, PASSWORD } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

/** A 429 as the limits answer it: problem+json RATE_LIMITED with Retry-After, in the header and the body. */
function expectRateLimited(reply: JsonResponse): void {
  expect(reply.status).toBe(429);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body).toMatchObject({ code: 'RATE_LIMITED' });
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(reply.body.retryAfter).toBe(retryAfter);
}

const mailsTo = (inbox: SmtpInbox, address: string, subject: string): number =>
  inbox.messages.filter((mail) => mail.to.includes(address) && mail.subject.includes(subject)).length;

/** Waits for mails still on their way, then counts them. */
async function settledMailCount(inbox: SmtpInbox, address: string, subject: string): Promise<number> {
  let previous = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const count = mailsTo(inbox, address, subject);
    if (count === previous) {
      return count;
    }
    previous = count;
  }
}

/** Issue 11 item 3 through the gateway: mail-sending and costly auth routes are limited, 429 + Retry-After. */
describe('limits on registration, verification and recovery (npm start in the test process)', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform | undefined;
  let api: IdentityClient;

  const start = async (name: string, env: Record<string, string>): Promise<void> => {
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), name, {
      env: { SMTP_URL: inbox.url, ...env },
    });
    api = new IdentityClient(platform.gatewayUrl, inbox);
  };

  beforeAll(async () => {
    inbox = await startSmtpInbox();
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  describe('per e-mail address (every request from the gateway is one client address)', () => {
    beforeAll(async () => {
      await start('limits_address', {
        REGISTRATION_MAX_PER_ADDRESS: '3',
        VERIFICATION_RESEND_MAX_PER_ADDRESS: '3',
        RECOVERY_MAX_PER_ADDRESS: '3',
        VERIFICATION_MAX_ATTEMPTS: '5',
        VERIFICATION_MAX_ATTEMPTS_PER_ADDRESS: '10',
        REGISTRATION_MAX_PER_IP: '10000',
        VERIFICATION_RESEND_MAX_PER_IP: '10000',
        RECOVERY_MAX_PER_IP: '10000',
        VERIFICATION_MAX_ATTEMPTS_PER_IP: '10000',
      });
    });

    afterAll(async () => {
      await platform?.close();
      platform = undefined;
    });

    it('registration: a few attempts per address, then 429', async () => {
      const statuses: number[] = [];
      let last: JsonResponse | undefined;
      for (let attempt = 0; attempt < 4; attempt += 1) {
        last = await api.call('POST', '/registration', {
          body: { email: 'Reg@Example.com', login: `reg_${attempt}`, password: PASSWORD },
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 409, 409, 429]);
      expectRateLimited(last!);
      expect(await settledMailCount(inbox, 'reg@example.com', 'Your Agora code')).toBe(1);
    });

    it('verification resend: a few mails per address per hour, the same answers for an address without account', async () => {
      await api.register('rex');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        known.push(
          (await api.call('POST', '/verification/resend', { body: { email: 'rex@example.com' } })).status,
        );
        unknown.push(
          (await api.call('POST', '/verification/resend', { body: { email: 'nobody.rex@example.com' } }))
            .status,
        );
      }
      expect(known).toEqual([202, 202, 202, 429, 429]);
      expect(unknown).toEqual(known);
      expectRateLimited(
        await api.call('POST', '/verification/resend', { body: { email: 'REX@example.com ' } }),
      );
      // The registration mail and three new codes.
      expect(await settledMailCount(inbox, 'rex@example.com', 'Your Agora code')).toBe(4);
    });

    it('verification resend: of 10 parallel requests exactly the allowed 3 send a mail', async () => {
      await api.register('rhea');
      const replies = await atOnce(
        copies(10, () => api.call('POST', '/verification/resend', { body: { email: 'rhea@example.com' } })),
      );
      expect(replies.filter((reply) => reply.status === 202)).toHaveLength(3);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(7);
      expect(await settledMailCount(inbox, 'rhea@example.com', 'Your Agora code')).toBe(4);
    });

    it('password recovery: a few mails per address per hour; an unknown address answers alike', async () => {
      await api.signedIn('rosa');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        known.push(
          (await api.call('POST', '/password/recovery', { body: { email: 'rosa@example.com' } })).status,
        );
        unknown.push(
          (await api.call('POST', '/password/recovery', { body: { email: 'ghost.rosa@example.com' } }))
            .status,
        );
      }
      expect(known).toEqual([202, 202, 202, 429, 429]);
      expect(unknown).toEqual(known);
      expect(await settledMailCount(inbox, 'rosa@example.com', 'Reset')).toBe(3);
    });

    it('verification attempts are counted across resends: a new code does not bring new guesses', async () => {
      await api.register('vera');
      const code = async (after: number) => api.verificationCode('vera@example.com', after);
      let current = await code(0);
      const wrong = (value: string) => (value === '000000' ? '111111' : '000000');
      const answers: string[] = [];
      for (let round = 0; round < 2; round += 1) {
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const reply = await api.call(
            attempt % 2 === 0 ? 'POST' : 'GET',
            attempt % 2 === 0
              ? '/verification'
              : `/verification?email=vera%40example.com&code=${wrong(current)}`,
            attempt % 2 === 0 ? { body: { email: 'vera@example.com', code: wrong(current) } } : {},
          );
          answers.push(reply.body.code as string);
        }
        const before = inbox.messages.length;
        expect(
          (await api.call('POST', '/verification/resend', { body: { email: 'vera@example.com' } })).status,
        ).toBe(202);
        current = await code(before);
      }
      expect(answers.filter((answer) => answer === 'VERIFICATION_ATTEMPTS_EXHAUSTED')).toHaveLength(2);
      // Ten guesses spent across three codes: even the right one waits for the window.
      const right = await api.call('POST', '/verification', {
        body: { email: 'vera@example.com', code: current },
      });
      expectRateLimited(right);
      const [row] = await queryRows<{ verified: boolean }>(
        platform!.adminUrl,
        `SELECT verified FROM auth.users WHERE login = 'vera'`,
      );
      expect(row.verified).toBe(false);
    });

    it('verification attempts: of 20 parallel guesses exactly the allowed 10 are checked', async () => {
      await api.register('vic');
      const code = await api.verificationCode('vic@example.com');
      const guess = code === '999999' ? '999998' : '999999';
      const replies = await atOnce(
        copies(20, () =>
          api.call('POST', '/verification', { body: { email: 'vic@example.com', code: guess } }),
        ),
      );
      expect(replies.filter((reply) => reply.status === 400)).toHaveLength(10);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(10);
      const [row] = await queryRows<{ attempts: number }>(
        platform!.adminUrl,
        `SELECT attempts FROM auth.verification_codes c JOIN auth.users u ON u.id = c.user_id WHERE u.login = 'vic'`,
      );
      expect(row.attempts).toBe(5);
    });
  });

  describe('per client address', () => {
    beforeAll(async () => {
      await start('limits_ip', {
        REGISTRATION_MAX_PER_IP: '5',
        VERIFICATION_RESEND_MAX_PER_IP: '4',
        RECOVERY_MAX_PER_IP: '4',
        VERIFICATION_MAX_ATTEMPTS_PER_IP: '6',
      });
    });

    it('registration: of 8 parallel registrations from one address exactly 5 are made (5 hashes, 5 mails)', async () => {
      const replies = await atOnce(copies(8, (index) => api.register(`flood_${index}`)));
      expect(replies.filter((reply) => reply.status === 201)).toHaveLength(5);
      const refused = replies.filter((reply) => reply.status === 429);
      expect(refused).toHaveLength(3);
      refused.forEach(expectRateLimited);
      const [row] = await queryRows<{ count: string }>(
        platform!.adminUrl,
        `SELECT count(*) FROM auth.users WHERE login LIKE 'flood_%'`,
      );
      expect(Number(row.count)).toBe(5);
      await eventually(
        () =>
          Promise.resolve(
            inbox.messages.filter((mail) => mail.to.some((to) => to.startsWith('flood_'))).length === 5
              ? true
              : undefined,
          ),
        15_000,
        'five registration mails',
      );
    });

    it('recovery, resend and verification attempts: a budget per address across e-mail addresses', async () => {
      const recovery: number[] = [];
      const resend: number[] = [];
      const verify: number[] = [];
      for (let index = 0; index < 7; index += 1) {
        const email = `spray_${index}@example.com`;
        recovery.push((await api.call('POST', '/password/recovery', { body: { email } })).status);
        resend.push((await api.call('POST', '/verification/resend', { body: { email } })).status);
        verify.push((await api.call('POST', '/verification', { body: { email, code: '123456' } })).status);
      }
      expect(recovery).toEqual([202, 202, 202, 202, 429, 429, 429]);
      expect(resend).toEqual([202, 202, 202, 202, 429, 429, 429]);
      expect(verify).toEqual([400, 400, 400, 400, 400, 400, 429]);
    });
  });

  describe('costly routes of the other services', () => {
    beforeAll(async () => {
      await start('limits_search', {
        SEARCH_MAX_PER_IP: '5',
        SEARCH_WINDOW_SECONDS: '3600',
        UPLOADS_MAX_PER_USER: '3',
        REGISTRATION_MAX_PER_IP: '10000',
      });
    });

    afterAll(async () => {
      await platform?.close();
      platform = undefined;
    });

    it('limits searches per address: 429 with Retry-After once the window is spent', async () => {
      const searches = await atOnce(copies(8, () => api.call('GET', '/search?q=coffee')));
      expect(searches.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expectRateLimited(searches.find((reply) => reply.status === 429)!);
    });

    it('limits uploads per account: the fourth is 429, another account still uploads', async () => {
      const first = await api.signedIn('uploader_one');
      const second = await api.signedIn('uploader_two');
      const upload = async (token: string, shade: number) => {
        const form = new FormData();
        form.append('file', new Blob([await png(40, 40, shade)], { type: 'image/png' }), 'photo.png');
        const response = await fetch(`${platform!.gatewayUrl}/api/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        return {
          status: response.status,
          headers: response.headers,
          body: (await response.json()) as Record<string, unknown>,
        };
      };
      const statuses: number[] = [];
      for (let shade = 0; shade < 4; shade += 1) {
        statuses.push((await upload(first.accessToken, shade * 40)).status);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      expectRateLimited(await upload(first.accessToken, 250));
      expect((await upload(second.accessToken, 90)).status).toBe(201);
    });
  });
});
