import { startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectProblem, GatewayApi } from './support/gateway-api.js';
import { adminEnv, IdentityClient, type SignedInUser } from './support/identity-client.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Report {
  summary: { created: number; changed: number; unchanged: number; alreadyProposed: number; skipped: number };
  created: { row: number; name: string; draftId: string; alreadyProposed: boolean }[];
  matched: { row: number; name: string; itemId: string; status: string; fields: string[] }[];
  skipped: { row: number; reasons: { code: string; field?: string }[] }[];
  ignoredColumns: string[];
}

interface Coffee {
  id: string;
  name: string;
  barcode: string | null;
  roaster: { name: string };
  origin: { name: string } | null;
  process: { name: string } | null;
  countryCode: string | null;
  tastingNotes: string[];
}

/**
 * The importer robot and barcodes through `npm start`'s gateway (issue 17): an admin imports the README's
 * sample price list, a moderator approves an imported draft and the coffee answers its barcode scan; the
 * same feed again queues nothing; unknown and invalid barcodes.
 */
describe('importer and barcodes through the gateway', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let admin: SignedInUser;
  let moderator: SignedInUser;
  let fan: SignedInUser;
  let sample: string;
  const api = new GatewayApi(() => platform.gatewayUrl);
  const call = api.call.bind(api);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'importer', { env: adminEnv(inbox) });
    const users = new IdentityClient(platform.gatewayUrl, inbox);
    admin = await users.admin();
    moderator = await users.withRole('imp_moda', 'moderator');
    fan = await users.withRole('imp_fan');
    const values: [string, string, string?][] = [
      ['roasters', 'Tasty Coffee', 'RU'],
      ['roasters', 'Welder', 'RU'],
      ['roasters', 'Double B', 'RU'],
      ['origins', 'Yirgacheffe', 'ET'],
      ['origins', 'Huila', 'CO'],
      ['origins', 'Guji', 'ET'],
      ['origins', 'Sidamo', 'ET'],
      ['processes', 'Washed'],
      ['processes', 'Honey'],
      ['processes', 'Natural'],
    ];
    for (const [kind, name, countryCode] of values) {
      const created = await call('POST', `/dictionaries/${kind}`, moderator, { name, countryCode });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    sample = await readFile(new URL('../docs/import/roaster-price-list.csv', import.meta.url), 'utf8');
  }, 240_000);

  afterAll(async () => {
    // Whatever a test sent, nothing answered a 5xx.
    expect(api.serverErrors()).toEqual([]);
    await platform?.close();
    await inbox?.close();
  });

  it('imports the sample price list as drafts; an approved one answers its barcode; a second run queues nothing', async () => {
    const first = await call<Report>('POST', '/admin/imports', admin, { content: sample, format: 'csv' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.summary).toEqual({
      created: 3,
      changed: 0,
      unchanged: 0,
      alreadyProposed: 0,
      skipped: 2,
    });
    expect(first.body.skipped).toEqual([
      { row: 4, name: 'Kenya Nyeri "AA"', reasons: [expect.objectContaining({ code: 'UNKNOWN_ORIGIN' })] },
      { row: 5, name: 'Mystery Blend', reasons: [expect.objectContaining({ code: 'INVALID_BARCODE' })] },
    ]);
    expect(first.body.ignoredColumns).toEqual(['price_rub', 'weight_g']);

    const queue = await call<{ items: { id: string; authorId: string }[] }>(
      'GET',
      '/drafts?filter[status]=pending&filter[subject]=coffee',
      moderator,
    );
    const yirgacheffe = first.body.created.find((row) => row.name === 'Ethiopia Yirgacheffe Kochere');
    expect(queue.body.items.find((draft) => draft.id === yirgacheffe?.draftId)?.authorId).toBe(admin.id);
    expectProblem(await call('GET', '/coffees/barcode/4607123450017'), 404, 'COFFEE_NOT_FOUND');

    const approved = await call('POST', `/drafts/${yirgacheffe?.draftId}/approve`, moderator, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const scanned = await call<Coffee>('GET', '/coffees/barcode/4607123450017');
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({
      name: 'Ethiopia Yirgacheffe Kochere',
      roaster: { name: 'Tasty Coffee' },
      origin: { name: 'Yirgacheffe' },
      process: { name: 'Washed' },
      countryCode: 'ET',
      tastingNotes: ['bergamot', 'jasmine', 'lemon'],
    });

    const second = await call<Report>('POST', '/admin/imports', admin, { content: sample });
    expect(second.body.summary).toEqual({
      created: 0,
      changed: 0,
      unchanged: 1,
      alreadyProposed: 2,
      skipped: 2,
    });
    const pending = await call<{ total: number }>('GET', '/drafts?filter[status]=pending', moderator);
    expect(pending.body.total).toBe(2);

    const changed = await call<Report>('POST', '/admin/imports', admin, {
      content: sample.replace('Yirgacheffe,Washed,light', 'Yirgacheffe,Natural,light'),
    });
    expect(changed.body.summary).toMatchObject({ created: 0, changed: 1, unchanged: 0, alreadyProposed: 2 });
    expect(changed.body.matched).toEqual([
      expect.objectContaining({ itemId: scanned.body.id, status: 'changed', fields: ['processId'] }),
    ]);
  });

  it('scans barcodes: an unknown one offers a draft template, a wrong check digit is refused, UPC-A is EAN-13', async () => {
    const unknown = await call<{ draftTemplate: Record<string, string>; propose: Record<string, string> }>(
      'GET',
      '/coffees/barcode/96385074',
    );
    expectProblem(unknown, 404, 'COFFEE_NOT_FOUND');
    expect(unknown.body.draftTemplate).toEqual({ barcode: '96385074', barcodeFormat: 'EAN-8' });
    expect(unknown.body.propose).toEqual({ method: 'POST', path: '/coffees' });
    expectProblem(await call('GET', '/coffees/barcode/4607123450010'), 400, 'VALIDATION_FAILED');

    const roasters = await call<{ items: { id: string }[] }>('GET', '/dictionaries/roasters?search=Welder');
    const upc = await call<Coffee>('POST', '/coffees', moderator, {
      name: 'Welder Decaf',
      roasterId: roasters.body.items[0].id,
      barcode: '036000291452',
    });
    expect(upc.status, JSON.stringify(upc.body)).toBe(201);
    const asEan13 = await call<Coffee>('GET', '/coffees/barcode/0036000291452');
    expect(asEan13.body.id).toBe(upc.body.id);

    const wrong = await call<{ errors: { field: string }[] }>('POST', '/coffees', moderator, {
      name: 'Welder Wrong Code',
      roasterId: roasters.body.items[0].id,
      barcode: '036000291453',
    });
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.errors.map((error) => error.field)).toEqual(['barcode']);
  });

  it('keeps imports to admins, allowed hosts and bounded feeds', async () => {
    expectProblem(await call('POST', '/admin/imports', fan, { content: sample }), 403);
    expectProblem(await call('POST', '/admin/imports', moderator, { content: sample }), 403);
    expectProblem(await call('POST', '/admin/imports', undefined, { content: sample }), 401);
    expectProblem(
      await call('POST', '/admin/imports', admin, { url: 'http://example.com/feed.csv' }),
      400,
      'IMPORT_SOURCE_NOT_ALLOWED',
    );
    expectProblem(await call('POST', '/admin/imports', admin, { url: 'file:///etc/passwd' }), 400);
    const rows = `name,roaster\n${'x,Welder\n'.repeat(2_001)}`;
    expectProblem(
      await call('POST', '/admin/imports', admin, { content: rows }),
      413,
      'IMPORT_FEED_TOO_LARGE',
    );
    expectProblem(
      await call('POST', '/admin/imports', admin, { content: '{"items": 1}' }),
      400,
      'IMPORT_FEED_INVALID',
    );
    const answer = await call('POST', '/admin/imports', admin, {
      content: 'name,roaster\nNul\u0000l,Welder',
    });
    expect(answer.status).toBeLessThan(500);
  });
});
