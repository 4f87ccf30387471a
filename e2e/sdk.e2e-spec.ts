import { contractChecker, eventually, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAgoraClient, type AgoraClient } from '../clients/typescript/src/index.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { adminEnv, IdentityClient, PASSWORD, type SignedInUser } from './support/identity-client.js';

const NOBODY = '0195f6a0-0000-7000-8000-00000000dead';

/**
 * The generated TypeScript client (`clients/typescript`, issue 18) against `npm start`'s gateway: a newcomer
 * signs up, verifies, signs in, browses and filters the catalog, searches and proposes a coffee that a
 * moderator approves, every call typed from openapi/agora.json and every answer checked against it.
 */
describe('the generated TypeScript client through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let moderator: SignedInUser;
  const mismatches: string[] = [];

  /** fetch that checks each answer against the committed document (the answer itself goes on unchanged). */
  const checkedFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await fetch(request);
    const url = new URL(request.url);
    mismatches.push(
      ...contractChecker().mismatches(request.method, url.pathname.replace(/^\/api/, '') + url.search, {
        status: response.status,
        contentType: response.headers.get('content-type'),
        headers: response.headers,
        text: await response.clone().text(),
      }),
    );
    return response;
  };

  const clientAs = (token?: string): AgoraClient =>
    createAgoraClient({
      baseUrl: `${platform.gatewayUrl}/api`,
      accessToken: () => token,
      fetch: checkedFetch,
    });

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'sdk', { env: adminEnv(inbox) });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    moderator = await users.withRole('sdk_mod', 'moderator');
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('signs up, signs in, browses, searches and proposes; a moderator approves', async () => {
    const anonymous = clientAs();
    const asModerator = clientAs(moderator.token);

    // Sign up, verify with the mailed code, sign in.
    const email = 'sdk_newcomer@example.com';
    const registered = await anonymous.POST('/registration', {
      body: { email, login: 'sdk_newcomer', password: PASSWORD },
    });
    expect(registered.response.status, JSON.stringify(registered.error)).toBe(201);
    const code = await users.verificationCode(email);
    const verified = await anonymous.POST('/verification', { body: { email, code } });
    expect(verified.response.status, JSON.stringify(verified.error)).toBe(200);
    const signedIn = await anonymous.POST('/authentication', {
      body: { login: 'sdk_newcomer', password: PASSWORD },
    });
    const tokens = signedIn.data;
    if (!tokens || !('accessToken' in tokens)) {
      throw new Error(`no token pair: ${JSON.stringify(signedIn.error)}`);
    }
    const newcomer = clientAs(tokens.accessToken);
    const me = await newcomer.GET('/me');
    expect(me.data).toMatchObject({ id: registered.data?.id, login: 'sdk_newcomer' });

    // A moderator fills the catalog: a roaster, two coffees.
    const roaster = await asModerator.POST('/dictionaries/{kind}', {
      params: { path: { kind: 'roasters' } },
      body: { name: 'SDK Roasters' },
    });
    expect(roaster.response.status, JSON.stringify(roaster.error)).toBe(201);
    const roasterId = (roaster.data as { id: string }).id;
    for (const name of ['SDK Kenya Nyeri', 'SDK Colombia Huila']) {
      const created = await asModerator.POST('/coffees', { body: { name, roasterId } });
      expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    }

    // Browse as anyone: a typed deepObject filter and sort, a card, a typed problem for a missing one.
    const page = await anonymous.GET('/coffees', {
      params: { query: { filter: { name: { ilike: 'sdk' }, roasterId: { eq: roasterId } }, sort: '-name' } },
    });
    expect(page.error).toBeUndefined();
    expect(page.data?.items.map((coffee) => coffee.name)).toEqual(['SDK Kenya Nyeri', 'SDK Colombia Huila']);
    const kenya = page.data!.items[0];
    const card = await anonymous.GET('/coffees/{id}', { params: { path: { id: kenya.id } } });
    expect(card.data).toMatchObject({ id: kenya.id, name: 'SDK Kenya Nyeri' });
    const missing = await anonymous.GET('/coffees/{id}', { params: { path: { id: NOBODY } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'COFFEE_NOT_FOUND' });
    const singular = await anonymous.GET('/coffee/{id}', { params: { path: { id: kenya.id } } });
    expect(singular.data).toMatchObject({ id: kenya.id });

    // Search finds the coffee once the index has it.
    const hits = await eventually(
      async () => {
        const found = await anonymous.GET('/search', { params: { query: { q: 'Nyeri' } } });
        return found.data?.items.some((hit) => hit.id === kenya.id) ? found.data : undefined;
      },
      20_000,
      'the search index to have the coffee',
    );
    expect(hits.total).toBeGreaterThan(0);

    // A user's new coffee is a proposal (a draft) until a moderator approves it.
    const proposed = await newcomer.POST('/coffees', { body: { name: 'SDK Ethiopia Guji', roasterId } });
    expect(proposed.response.status, JSON.stringify(proposed.error)).toBe(202);
    const draftId = (proposed.data as { id: string }).id;
    const queue = await asModerator.GET('/drafts', {
      params: { query: { filter: { status: { eq: 'pending' }, subject: { eq: 'coffee' } } } },
    });
    expect(queue.data?.items.map((draft) => draft.id)).toContain(draftId);
    const approved = await asModerator.POST('/drafts/{id}/approve', {
      params: { path: { id: draftId } },
      body: {},
    });
    expect(approved.response.status, JSON.stringify(approved.error)).toBe(200);
    const after = await anonymous.GET('/coffees', {
      params: { query: { filter: { name: { eq: 'SDK Ethiopia Guji' } } } },
    });
    expect(after.data?.items).toHaveLength(1);

    // Refusals are typed problems too.
    const refused = await newcomer.POST('/coffees', { body: { name: '', roasterId } });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED' });

    expect(mismatches).toEqual([]);
  });
});
