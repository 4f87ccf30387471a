import { atOnce, copies, queryRows, noise, png, startSmtpInbox, tally, type SmtpInbox } from '@agora/testing';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';

interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

const ROUNDS = 10;

/**
 * Requests that meet (issue 12): fired at the same instant through `npm start`'s gateway, on the
 * PostgreSQL major `npm start` embeds (18: its constraint error codes differ from the test server's 15).
 * Each race must leave one outcome, and never a 5xx.
 */
describe('races through the gateway, on the embedded PostgreSQL', () => {
  const quotaBytes = 60_000;
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let users: IdentityClient;
  let moderators: SignedInUser[];
  let author: SignedInUser;
  let seller: SignedInUser;
  let buyer: SignedInUser;
  let roasterId: string;

  async function call<T = Record<string, unknown>>(
    method: string,
    route: string,
    token?: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    const response = await fetch(`${platform.gatewayUrl}/api${route}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async function upload(token: string, bytes: Buffer): Promise<Answer<{ id: string }>> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
    const response = await fetch(`${platform.gatewayUrl}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, body: (await response.json()) as { id: string } };
  }

  const query = <T>(sql: string, params: unknown[] = []) => queryRows<T>(platform.adminUrl, sql, params);

  const statuses = (answers: readonly Answer[]) => answers.map((answer) => answer.status);
  const noServerErrors = (answers: readonly Answer[]) =>
    expect(
      answers.filter((answer) => answer.status >= 500),
      JSON.stringify(answers),
    ).toEqual([]);

  async function coffee(name: string): Promise<string> {
    const created = await call<{ id: string }>('POST', '/coffees', moderators[0].token, { name, roasterId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  }

  async function listing(title: string, tags: string[] = []): Promise<string> {
    const created = await call<{ id: string }>('POST', '/listings', seller.token, {
      title,
      price: '100.00',
      currency: 'RUB',
      status: 'active',
      tags,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id;
  }

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'races', {
      embeddedPostgres: true,
      env: { ...adminEnv(inbox), MEDIA_QUOTA_BYTES: String(quotaBytes) },
    });
    users = new IdentityClient(platform.gatewayUrl, inbox);
    moderators = [await users.withRole('mod_one', 'moderator'), await users.withRole('mod_two', 'moderator')];
    author = await users.withRole('author');
    seller = await users.withRole('seller', 'seller');
    buyer = await users.withRole('buyer');
    const roaster = await call<{ id: string }>('POST', '/dictionaries/roasters', moderators[0].token, {
      name: 'Race Roasters',
    });
    roasterId = roaster.body.id;
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('runs on PostgreSQL 18, the major npm start embeds', async () => {
    const [{ server_version_num }] = await query<{ server_version_num: string }>('SHOW server_version_num');
    expect(Number(server_version_num)).toBeGreaterThanOrEqual(180_000);
  });

  it('approves only one of two drafts changing the same field; the other is a conflict (item 1)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await coffee(`Conflict ${round}`);
      const drafts = await Promise.all(
        ['Left', 'Right'].map((side) =>
          call<{ id: string }>('PATCH', `/coffees/${id}`, author.token, { name: side }),
        ),
      );
      expect(statuses(drafts)).toEqual([202, 202]);
      const approvals = await atOnce(
        drafts.map(
          (draft, index) => () =>
            call('POST', `/drafts/${draft.body.id}/approve`, moderators[index].token, {}),
        ),
      );
      noServerErrors(approvals);
      expect(tally(statuses(approvals)), `round ${round}`).toEqual({ 200: 1, 409: 1 });
      expect(approvals.find((approval) => approval.status === 409)?.body).toMatchObject({
        code: 'DRAFT_CONFLICT',
      });
      const [row] = await query<{ version: number }>('SELECT version FROM catalog.coffees WHERE id = $1', [
        id,
      ]);
      expect(row.version).toBe(2);
    }
  });

  it('refuses to delete a dictionary value in use with 409 on PostgreSQL 18 (item 6)', async () => {
    await coffee('Uses the roaster');
    const refused = await call('DELETE', `/dictionaries/roasters/${roasterId}`, moderators[0].token);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DICTIONARY_VALUE_IN_USE' });
  });

  it('approving a draft whose dictionary value is deleted meanwhile is a 409, never a 500 (item 6)', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const value = await call<{ id: string }>('POST', '/dictionaries/roasters', moderators[0].token, {
        name: `Vanishing ${round}`,
      });
      const proposal = await call<{ id: string }>('POST', '/coffees', author.token, {
        name: `Uses vanishing ${round}`,
        roasterId: value.body.id,
      });
      expect(proposal.status).toBe(202);
      const [approval, deletion] = await atOnce([
        () => call('POST', `/drafts/${proposal.body.id}/approve`, moderators[0].token, {}),
        () => call('DELETE', `/dictionaries/roasters/${value.body.id}`, moderators[1].token),
      ]);
      noServerErrors([approval, deletion]);
      const outcome = `${approval.status}/${deletion.status}`;
      expect(['200/409', '409/204'], JSON.stringify([approval.body, deletion.body])).toContain(outcome);
      outcomes.push(outcome);
    }
    expect(outcomes).toHaveLength(ROUNDS);
  });

  it('a review racing an archive waits for it and is refused; one racing a deletion is 404 (item 3)', async () => {
    // Deterministic: the test holds the archive uncommitted while the review arrives.
    const archived = await listing('Going away');
    const client = new pg.Client({ connectionString: platform.adminUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE catalog.listings SET status = 'archived' WHERE id = $1`, [archived]);
      const review = call('POST', `/listings/${archived}/reviews`, buyer.token, { rating: 5, text: 'Late' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('COMMIT');
      const answer = await review;
      expect(answer.status, JSON.stringify(answer.body)).toBe(409);
      expect(answer.body).toMatchObject({ code: 'LISTING_NOT_PUBLIC' });
    } finally {
      await client.end();
    }
    expect(await query('SELECT 1 FROM catalog.reviews WHERE listing_id = $1', [archived])).toEqual([]);

    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await listing(`Deleted ${round}`);
      const [review, deletion] = await atOnce([
        () => call('POST', `/listings/${id}/reviews`, buyer.token, { rating: 4, text: 'Quick' }),
        () => call('DELETE', `/listings/${id}`, seller.token),
      ]);
      noServerErrors([review, deletion]);
      expect(deletion.status).toBe(204);
      expect([201, 404]).toContain(review.status);
      expect(await query('SELECT 1 FROM catalog.reviews WHERE listing_id = $1', [id])).toEqual([]);
    }
  });

  it('creates listings with the same new tags in opposite orders at once without a deadlock (item 5)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const tags = [`fresh-a-${round}`, `fresh-b-${round}`];
      const created = await atOnce([
        () => call('POST', '/listings', seller.token, { title: 'Ab', price: '1.00', currency: 'RUB', tags }),
        () =>
          call('POST', '/listings', seller.token, {
            title: 'Ba',
            price: '1.00',
            currency: 'RUB',
            tags: [...tags].reverse(),
          }),
      ]);
      noServerErrors(created);
      expect(statuses(created)).toEqual([201, 201]);
      const rows = await query<{ count: string }>(
        `SELECT count(*) FROM catalog.dictionary_values WHERE kind = 'tags' AND name = ANY($1)`,
        [tags],
      );
      expect(Number(rows[0].count)).toBe(2);
    }
  });

  it("keeps an owner's parallel uploads within the quota and leaves no empty folders (item 4)", async () => {
    const uploader = await users.withRole('uploader');
    const images = await Promise.all(Array.from({ length: 15 }, (_, index) => noise(96 + index, 96)));
    const answers = await atOnce(images.map((image) => () => upload(uploader.token, image)));
    noServerErrors(answers);
    expect(statuses(answers).every((status) => status === 201 || status === 403)).toBe(true);
    expect(answers.some((answer) => answer.status === 403)).toBe(true);
    const [{ used }] = await query<{ used: string }>(
      'SELECT coalesce(sum(stored_bytes), 0) AS used FROM media.media WHERE owner_id = $1',
      [uploader.id],
    );
    expect(Number(used)).toBeLessThanOrEqual(quotaBytes);

    const same = await png(64, 64, 33);
    const twins = await atOnce(copies(10, () => upload(uploader.token, same)));
    noServerErrors(twins);
    const ids = new Set(twins.filter((twin) => twin.status < 300).map((twin) => twin.body.id));
    expect(ids.size).toBeLessThanOrEqual(1);
    const mediaRoot = path.join(platform.dataDir, 'media', 'media');
    const folders = readdirSync(mediaRoot);
    const stored = await query<{ id: string }>('SELECT id FROM media.media');
    expect(folders.sort()).toEqual(stored.map((row) => row.id).sort());
  });

  it('attaches one media to one side ten times at once as one 200 each, and one main per item (item 8)', async () => {
    const id = await coffee('Photographed');
    const photographer = moderators[0];
    const [first, second] = await Promise.all([png(80, 60, 10), png(80, 60, 200)]);
    const media = [
      (await upload(photographer.token, first)).body.id,
      (await upload(photographer.token, second)).body.id,
    ];
    // catalog learns the media's owner from media-service's event.
    for (const mediaId of media) {
      await expect
        .poll(
          async () =>
            (await query('SELECT 1 FROM catalog.media_owners WHERE media_id = $1', [mediaId])).length,
        )
        .toBe(1);
    }
    const repeated = await atOnce(
      copies(10, () =>
        call('PUT', `/coffees/${id}/photos/${media[0]}`, photographer.token, { side: 'left' }),
      ),
    );
    noServerErrors(repeated);
    expect(tally(statuses(repeated))).toEqual({ 200: 10 });
    const mains = await atOnce(
      media.map(
        (mediaId) => () =>
          call('PUT', `/coffees/${id}/photos/${mediaId}`, photographer.token, { side: 'main' }),
      ),
    );
    noServerErrors(mains);
    expect(tally(statuses(mains))).toEqual({ 200: 1, 409: 1 });
    expect(mains.find((answer) => answer.status === 409)?.body).toMatchObject({ code: 'MAIN_PHOTO_TAKEN' });
  });
});
