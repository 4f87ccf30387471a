import { atOnce, copies, eventually, queryRows, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { adminEnv, claimsOf, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Application {
  id: string;
  userId: string;
  shopName: string;
  status: string;
  version: number;
  reviewerId: string | null;
  decisionMessage: string | null;
}

interface Report {
  id: string;
  sellerId: string;
  reporterId: string;
  status: string;
  action: string | null;
  version: number;
}

interface Favourite {
  listingId: string;
  title: string;
  addedAt: string;
}

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

const N = 10;
const REPORTS_PER_HOUR = 6;
const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

const shop = (name: string) => ({
  shopName: name,
  description: 'Hand grinders and fresh beans',
  contactEmail: `${name.toLowerCase().replace(/\W+/g, '')}@shops.example`,
  contactPhone: '+7 701 234 56 78',
  website: 'https://shop.example',
});

/**
 * Becoming a seller, reports on sellers and favourites through `npm start`'s gateway (issue 16, seed 003): an
 * application waits for an admin, whose one decision (however many meet) reaches auth-service by event, which
 * changes the role as an admin's change does and mails the applicant; buyers report sellers to a moderators'
 * queue, and a suspension takes the seller role back; favourites name only listings the catalog announced.
 */
describe('sellers, reports and favourites through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let admin: SignedInUser;
  let moderators: SignedInUser[];
  let anna: SignedInUser;
  let boris: SignedInUser;
  let clara: SignedInUser;
  let seller: SignedInUser;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  /** The user's role as a fresh sign-in's access token carries it. */
  const roleAfterSignIn = async (user: SignedInUser) =>
    claimsOf((await users.signIn(user.login)).accessToken).role;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'sellers', {
      env: { ...adminEnv(inbox), ORDER_SELLER_REPORTS_PER_HOUR: String(REPORTS_PER_HOUR) },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    anna = await users.withRole('sl_anna');
    boris = await users.withRole('sl_boris');
    clara = await users.withRole('sl_clara');
    seller = await users.withRole('sl_sam', 'seller');
    moderators = [await users.withRole('sl_mod0', 'moderator'), await users.withRole('sl_mod1', 'moderator')];
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  describe('becoming a seller', () => {
    it('validates the shop, keeps one pending application per user however many meet, and refuses sellers and staff', async () => {
      expectProblem(await call('POST', '/sellers/applications', undefined, shop('Nope')), 401);
      expectProblem(
        await call('POST', '/sellers/applications', anna, { ...shop('Anna'), contactEmail: 'not-mail' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await call('POST', '/sellers/applications', anna, {
          ...shop('Anna'),
          website: 'http://plain.example',
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await call('POST', '/sellers/applications', anna, { ...shop('Anna'), shopName: '  \u200f\u200e ' }),
        422,
        'EMPTY_TEXT',
      );

      const submitted = await atOnce(
        copies(N, () => call<Application>('POST', '/sellers/applications', anna, shop('Anna Grinders'))),
      );
      expect(tally(submitted.map((answer) => answer.status))).toEqual({ 201: 1, 409: N - 1 });
      for (const refused of submitted.filter((answer) => answer.status === 409)) {
        expectProblem(refused, 409, 'SELLER_APPLICATION_PENDING');
      }
      expect(
        await queryRows(
          platform.adminUrl,
          `SELECT count(*)::int AS count FROM orders.seller_applications WHERE user_id = $1`,
          [anna.id],
        ),
      ).toEqual([{ count: 1 }]);

      expectProblem(await call('POST', '/sellers/applications', seller, shop('Sam')), 409, 'ALREADY_SELLER');
      expectProblem(
        await call('POST', '/sellers/applications', admin, shop('Root')),
        409,
        'ROLE_CANNOT_APPLY',
      );
      expectProblem(
        await call('POST', '/sellers/applications', moderators[0], shop('Mod')),
        409,
        'ROLE_CANNOT_APPLY',
      );
    });

    it('lists pending applications for admins only, and shows one to its applicant and admins', async () => {
      expectProblem(await call('GET', '/sellers/applications', anna), 403, 'FORBIDDEN_ROLE');
      expectProblem(await call('GET', '/sellers/applications', moderators[0]), 403, 'FORBIDDEN_ROLE');
      const queue = await call<Page<Application>>(
        'GET',
        '/sellers/applications?filter[status]=pending&filter[shopName]=Anna%20Grinders',
        admin,
      );
      expect(queue.status).toBe(200);
      const mine = queue.body.items.find((application) => application.userId === anna.id)!;
      expect(mine).toMatchObject({ shopName: 'Anna Grinders', status: 'pending', version: 1 });
      expectProblem(
        await call('GET', '/sellers/applications?sort=-shopName', admin),
        400,
        'INVALID_LIST_QUERY',
      );

      const own = await call<Application>('GET', `/sellers/applications/${mine.id}`, anna);
      expect(own.status).toBe(200);
      expect(own.etag).toBe('"1"');
      expectProblem(
        await call('GET', `/sellers/applications/${mine.id}`, boris),
        404,
        'SELLER_APPLICATION_NOT_FOUND',
      );
      expectProblem(
        await call('GET', `/sellers/applications/${NOBODY}`, admin),
        404,
        'SELLER_APPLICATION_NOT_FOUND',
      );
      expectProblem(await call('GET', '/sellers/applications/not-a-uuid', admin), 400);
    });

    it('lets one of many approvals and rejections at once decide; auth makes the applicant a seller and mails them', async () => {
      const [mine] = (
        await call<Page<Application>>('GET', `/sellers/applications?filter[userId]=${anna.id}`, admin)
      ).body.items;
      expectProblem(
        await call('PUT', `/sellers/applications/${mine.id}/approval`, anna, {}),
        403,
        'FORBIDDEN_ROLE',
      );
      expectProblem(
        await call('PUT', `/sellers/applications/${mine.id}/approval`, admin, {}, { 'if-match': '"7"' }),
        412,
        'PRECONDITION_FAILED',
      );

      const decisions = await atOnce(
        copies(N, (index) =>
          index % 2 === 0
            ? call<Application>('PUT', `/sellers/applications/${mine.id}/approval`, admin, {
                message: 'Welcome aboard',
              })
            : call<Application>('PUT', `/sellers/applications/${mine.id}/rejection`, admin, {
                message: 'Not this time',
              }),
        ),
      );
      expect(tally(decisions.map((answer) => answer.status))).toEqual({ 200: 1, 409: N - 1 });
      const winner = decisions.find((answer) => answer.status === 200)!.body;
      for (const refused of decisions.filter((answer) => answer.status === 409)) {
        expectProblem(refused, 409, 'SELLER_APPLICATION_DECIDED');
        expect(refused.body).toMatchObject({ applicationStatus: winner.status });
      }
      expect(winner).toMatchObject({ reviewerId: admin.id, version: 2 });
      // One decision, one event.
      expect(
        await queryRows(
          platform.adminUrl,
          `SELECT count(*)::int AS count FROM orders.outbox
            WHERE topic IN ('order.seller-application.approved.v1', 'order.seller-application.rejected.v1')
              AND payload->>'applicationId' = $1`,
          [mine.id],
        ),
      ).toEqual([{ count: 1 }]);

      const approved = winner.status === 'approved';
      const mail = await inbox.next(`${anna.login}@example.com`, (message) =>
        message.subject.includes('Anna Grinders'),
      );
      expect(mail.text).toContain(approved ? 'Welcome aboard' : 'Not this time');
      expect(await roleAfterSignIn(anna)).toBe(approved ? 'seller' : 'user');
      if (approved) {
        // The role went through auth's own role change: the event names the admin, and older tokens are refused.
        const [change] = await queryRows<{ payload: { changedBy: string; previousRole: string } }>(
          platform.adminUrl,
          `SELECT payload FROM auth.outbox WHERE topic = 'auth.user.role-changed.v1' AND key = $1`,
          [anna.id],
        );
        expect(change.payload).toMatchObject({ changedBy: admin.id, previousRole: 'user' });
        await users.expectRevokedEverywhere(anna.token);
      } else {
        // Rejected: anna may apply again, and this time the admin approves.
        const again = await call<Application>('POST', '/sellers/applications', anna, shop('Anna Grinders'));
        expect(again.status).toBe(201);
        expect((await call('PUT', `/sellers/applications/${again.body.id}/approval`, admin, {})).status).toBe(
          200,
        );
        await eventually(async () => ((await roleAfterSignIn(anna)) === 'seller' ? true : undefined), 10_000);
      }
      anna = { ...anna, token: (await users.signIn(anna.login)).accessToken };
      expectProblem(await call('POST', '/sellers/applications', anna, shop('More')), 409, 'ALREADY_SELLER');
    });

    it('rejects with a required message; the applicant keeps the user role and is told why', async () => {
      const applied = await call<Application>('POST', '/sellers/applications', clara, shop('Clara Beans'));
      expect(applied.status).toBe(201);
      expectProblem(
        await call('PUT', `/sellers/applications/${applied.body.id}/rejection`, admin, {}),
        400,
        'VALIDATION_FAILED',
      );
      const rejected = await call<Application>(
        'PUT',
        `/sellers/applications/${applied.body.id}/rejection`,
        admin,
        { message: 'Add photos of your roastery' },
        { 'if-match': '"1"' },
      );
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        decisionMessage: 'Add photos of your roastery',
      });
      expect(rejected.etag).toBe('"2"');
      const mail = await inbox.next(`${clara.login}@example.com`, (message) =>
        message.subject.includes('Clara Beans'),
      );
      expect(mail.subject).toContain('not approved');
      expect(mail.text).toContain('Add photos of your roastery');
      expect(await roleAfterSignIn(clara)).toBe('user');
      expectProblem(
        await call('PUT', `/sellers/applications/${applied.body.id}/approval`, admin, {}),
        409,
        'SELLER_APPLICATION_DECIDED',
      );
    });
  });

  describe('reports on sellers', () => {
    it('takes one open report per reporter and seller however many meet, never on oneself or a non-seller', async () => {
      const report = { reason: 'not-delivered', text: 'Paid a week ago, nothing arrived' };
      expectProblem(
        await call('POST', `/sellers/${seller.id}/reports`, seller, report),
        422,
        'CANNOT_REPORT_SELF',
      );
      expectProblem(
        await call('POST', `/sellers/${clara.id}/reports`, boris, report),
        404,
        'SELLER_NOT_FOUND',
      );
      expectProblem(await call('POST', `/sellers/${NOBODY}/reports`, boris, report), 404, 'SELLER_NOT_FOUND');
      expectProblem(
        await call('POST', `/sellers/${seller.id}/reports`, boris, { ...report, reason: 'rude' }),
        400,
        'VALIDATION_FAILED',
      );

      const filed = await atOnce(
        copies(3, () => call<Report>('POST', `/sellers/${seller.id}/reports`, boris, report)),
      );
      expect(tally(filed.map((answer) => answer.status))).toEqual({ 201: 1, 409: 2 });
      for (const refused of filed.filter((answer) => answer.status === 409)) {
        expectProblem(refused, 409, 'SELLER_REPORT_OPEN');
      }
      const created = filed.find((answer) => answer.status === 201)!.body;
      expect(created).toMatchObject({
        sellerId: seller.id,
        reporterId: boris.id,
        status: 'open',
        version: 1,
      });
      expect((await call('GET', `/seller-reports/${created.id}`, boris)).status).toBe(200);
      expectProblem(
        await call('GET', `/seller-reports/${created.id}`, seller),
        404,
        'SELLER_REPORT_NOT_FOUND',
      );
    });

    it('limits how many reports a user files an hour', async () => {
      // Every attempt counts, accepted or not: REPORTS_PER_HOUR of them, then 429.
      const attempts = [];
      for (let index = 0; index < REPORTS_PER_HOUR + 1; index += 1) {
        attempts.push(
          await call('POST', `/sellers/${seller.id}/reports`, clara, {
            reason: 'other',
            text: `Attempt ${index}`,
          }),
        );
      }
      expect(attempts.map((answer) => answer.status)).toEqual([
        201,
        ...Array<number>(REPORTS_PER_HOUR - 1).fill(409),
        429,
      ]);
      expectProblem(attempts.at(-1)!, 429, 'RATE_LIMITED');
    });

    it("is the moderators' queue; one of many resolutions at once wins, and a suspension takes the seller role back", async () => {
      expectProblem(await call('GET', '/seller-reports', boris), 403, 'FORBIDDEN_ROLE');
      const queue = await call<Page<Report>>(
        'GET',
        `/seller-reports?filter[status]=open&filter[sellerId]=${seller.id}&sort=-createdAt`,
        moderators[0],
      );
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((report) => report.reporterId).sort()).toEqual([boris.id, clara.id].sort());
      const [first, second] = queue.body.items;

      expectProblem(
        await call('PUT', `/seller-reports/${first.id}/resolution`, boris, { action: 'dismiss' }),
        403,
        'FORBIDDEN_ROLE',
      );
      const resolutions = await atOnce(
        copies(N, (index) =>
          call<Report>('PUT', `/seller-reports/${first.id}/resolution`, moderators[index % 2], {
            action: index % 2 === 0 ? 'warn' : 'dismiss',
            message: 'Ship what you sell',
          }),
        ),
      );
      expect(tally(resolutions.map((answer) => answer.status))).toEqual({ 200: 1, 409: N - 1 });
      const action = resolutions.find((answer) => answer.status === 200)!.body.action;
      for (const refused of resolutions.filter((answer) => answer.status === 409)) {
        expectProblem(refused, 409, 'SELLER_REPORT_RESOLVED');
        expect(refused.body).toMatchObject({ resolvedAction: action });
      }
      expect(await roleAfterSignIn(seller)).toBe('seller');

      expectProblem(
        await call(
          'PUT',
          `/seller-reports/${second.id}/resolution`,
          moderators[0],
          { action: 'suspend' },
          {
            'if-match': '"9"',
          },
        ),
        412,
        'PRECONDITION_FAILED',
      );
      const suspended = await call<Report>(
        'PUT',
        `/seller-reports/${second.id}/resolution`,
        moderators[0],
        { action: 'suspend', message: 'Too many buyers got nothing' },
        { 'if-match': '"1"' },
      );
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        status: 'resolved',
        action: 'suspend',
        moderatorId: moderators[0].id,
      });
      const mail = await inbox.next(`${seller.login}@example.com`, (message) =>
        message.subject.includes('suspended'),
      );
      expect(mail.text).toContain('Too many buyers got nothing');
      expect(await roleAfterSignIn(seller)).toBe('user');
      await users.expectRevokedEverywhere(seller.token);
      // order-service heard of it too: the former seller is no longer reportable.
      await eventually(
        async () =>
          (await call('POST', `/sellers/${seller.id}/reports`, anna, { reason: 'scam', text: 'Later' }))
            .status === 404
            ? true
            : undefined,
        10_000,
        'the suspension to reach order-service',
      );
    });
  });

  describe('favourites', () => {
    const listing = async (owner: SignedInUser, title: string): Promise<string> => {
      const created = await call<{ id: string }>('POST', '/listings', owner, {
        title,
        price: '25.00',
        currency: 'EUR',
        status: 'active',
      });
      expect(created.status).toBe(201);
      return created.body.id;
    };

    /** PUT the favourite once order-service has heard of the listing. */
    const favourite = (user: SignedInUser, listingId: string) =>
      eventually(
        async () => {
          const answer = await call('PUT', `/me/favourites/${listingId}`, user);
          return answer.status === 404 ? undefined : answer;
        },
        10_000,
        `listing ${listingId} to reach order-service`,
      );

    it('adds and removes idempotently, however many meet, and only listings the catalog has', async () => {
      expectProblem(await call('PUT', `/me/favourites/${NOBODY}`, boris), 404, 'LISTING_NOT_FOUND');
      expectProblem(await call('PUT', '/me/favourites/not-a-uuid', boris), 400);
      expectProblem(await call('GET', '/me/favourites', undefined), 401);
      const id = await listing(anna, 'Comandante C40');
      expect((await favourite(boris, id)).status).toBe(204);

      const puts = await atOnce(copies(N, () => call('PUT', `/me/favourites/${id}`, boris)));
      expect(tally(puts.map((answer) => answer.status))).toEqual({ 204: N });
      const rows = () =>
        queryRows<{ count: number }>(
          platform.adminUrl,
          `SELECT count(*)::int AS count FROM orders.favourites WHERE buyer_id = $1 AND listing_id = $2`,
          [boris.id, id],
        );
      expect(await rows()).toEqual([{ count: 1 }]);

      const mixed = await atOnce(
        copies(N, (index) => call(index % 2 === 0 ? 'DELETE' : 'PUT', `/me/favourites/${id}`, boris)),
      );
      expect(tally(mixed.map((answer) => answer.status))).toEqual({ 204: N });
      expect((await rows())[0].count).toBeLessThanOrEqual(1);

      const deletes = await atOnce(copies(N, () => call('DELETE', `/me/favourites/${id}`, boris)));
      expect(tally(deletes.map((answer) => answer.status))).toEqual({ 204: N });
      expect(await rows()).toEqual([{ count: 0 }]);
    });

    it('lists newest first by keyset, and a deleted listing leaves every favourites list', async () => {
      const ids = [];
      for (const title of ['Kinu M47', 'Timemore C3', '1Zpresso J']) {
        const id = await listing(anna, title);
        expect((await favourite(clara, id)).status).toBe(204);
        ids.push(id);
      }
      const first = await call<Page<Favourite>>('GET', '/me/favourites?limit=2', clara);
      expect(first.status).toBe(200);
      expect(first.body.items.map((item) => item.title)).toEqual(['1Zpresso J', 'Timemore C3']);
      expect(first.body.total).toBe(3);
      const rest = await call<Page<Favourite>>(
        'GET',
        `/me/favourites?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
        clara,
      );
      expect(rest.body.items.map((item) => item.listingId)).toEqual([ids[0]]);
      expect(rest.body.nextCursor).toBeNull();
      expect((await call<Page<Favourite>>('GET', '/me/favourites', boris)).body.items).toEqual([]);
      expectProblem(await call('GET', '/me/favourites?sort=title', clara), 400, 'INVALID_LIST_QUERY');

      expect((await call('DELETE', `/listings/${ids[1]}`, anna)).status).toBe(204);
      await eventually(
        async () => {
          const page = await call<Page<Favourite>>('GET', '/me/favourites', clara);
          return page.body.items.length === 2 ? page.body.items : undefined;
        },
        10_000,
        'the deleted listing to leave the favourites',
      );
      expectProblem(await call('PUT', `/me/favourites/${ids[1]}`, clara), 404, 'LISTING_NOT_FOUND');
    });
  });
});
