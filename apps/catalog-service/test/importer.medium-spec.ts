import { atOnce, copies, queryRows } from '@agora/testing';
import { randomInt } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JobRunner } from '@agora/runtime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CatalogConfig } from '../src/catalog.config.js';
import { ImportFeedsJob } from '../src/importer/import-feeds.job.js';
import type { ImportReportDto } from '../src/importer/import.dto.js';
import { IMPORT_ROBOT_ID } from '../src/importer/import.service.js';
import { gs1CheckDigit } from '../src/items/barcode.js';
import { startCatalogPlatform, type CatalogPlatform } from './catalog-test-platform.js';

/** A fresh EAN-13 in the in-store range (20–29), so runs sharing the database never collide. */
const freshEan13 = (): string => {
  const payload = `2${String(randomInt(0, 10 ** 11)).padStart(11, '0')}`;
  return `${payload}${gs1CheckDigit(payload)}`;
};

/** The importer robot: feeds in, drafts out, idempotent (issue 17). */
describe('catalog-service importer', () => {
  const adminUrl = inject('testDatabaseUrl');
  let platform: CatalogPlatform;
  let catalog: CatalogPlatform['catalog'];
  const codes = [freshEan13(), freshEan13(), freshEan13()];
  const roaster = `Import Roaster ${randomInt(0, 1e9)}`;
  const origin = `Import Origin ${randomInt(0, 1e9)}`;
  const washed = `Import Washed ${randomInt(0, 1e9)}`;
  const natural = `Import Natural ${randomInt(0, 1e9)}`;

  const feed = (process = washed): string =>
    [
      'name,roaster,origin,process,roast,altitude,notes,barcode,price',
      `Kenya Nyeri AA,${roaster},${origin},${process},light,1800-1900,blackcurrant; lime,${codes[0]},990`,
      `"Ethiopia Guji, Natural",${roaster},${origin},${washed},light,,strawberry,${codes[1]},820`,
      `Brazil Cerrado,${roaster},,,dark,,chocolate,,450`,
      `Bad Code,${roaster},,,,,,${codes[2].slice(0, 12)}${(Number(codes[2][12]) + 1) % 10},1`,
      `Nowhere,${roaster},Atlantis,,,,,,1`,
      `,${roaster},,,,,,,1`,
    ].join('\n');

  const importFeed = (content: string, token = platform.admin) =>
    catalog.call<ImportReportDto>('POST', '/admin/imports', { body: { content }, token });
  const draftsOf = async (authorId: string) =>
    (
      await queryRows<{ count: string }>(
        adminUrl,
        `SELECT count(*) FROM catalog.drafts WHERE author_id = $1::uuid AND (payload->>'roasterId' = $2::text
           OR target_id IN (SELECT id FROM catalog.coffees WHERE roaster_id = $2::uuid))`,
        [authorId, roasterId],
      )
    )[0].count;
  let roasterId: string;
  let adminId: string;

  beforeAll(async () => {
    platform = await startCatalogPlatform(adminUrl, 'importer');
    ({ catalog } = platform);
    roasterId = await platform.dictionaryValue('roasters', roaster);
    await platform.dictionaryValue('origins', origin, 'KE');
    await platform.dictionaryValue('processes', washed);
    await platform.dictionaryValue('processes', natural);
    adminId = (await platform.auth.call<{ id: string }>('GET', '/me', { token: platform.admin })).body.id;
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('queues drafts for new coffees, skips rows with reasons; the same feed again queues nothing', async () => {
    const first = await importFeed(feed());
    expect(first.status).toBe(200);
    expect(first.body.summary).toEqual({
      created: 3,
      changed: 0,
      unchanged: 0,
      alreadyProposed: 0,
      skipped: 3,
    });
    expect(first.body.ignoredColumns).toEqual(['price']);
    expect(first.body.skipped.map((row) => [row.row, row.reasons.map((reason) => reason.code)])).toEqual([
      [4, ['INVALID_BARCODE']],
      [5, ['UNKNOWN_ORIGIN']],
      [6, ['MISSING_NAME']],
    ]);
    const kenya = first.body.created.find((row) => row.name === 'Kenya Nyeri AA');
    const draft = await catalog.call<{ authorId: string; action: string; payload: Record<string, unknown> }>(
      'GET',
      `/drafts/${kenya?.draftId}`,
      { token: platform.moderator },
    );
    expect(draft.body).toMatchObject({
      authorId: adminId,
      action: 'create',
      payload: {
        name: 'Kenya Nyeri AA',
        roasterId,
        countryCode: 'KE',
        roastLevel: 'light',
        altitudeMin: 1800,
        altitudeMax: 1900,
        tastingNotes: ['blackcurrant', 'lime'],
        barcode: codes[0],
      },
    });
    expect(await draftsOf(adminId)).toBe('3');

    const second = await importFeed(feed());
    expect(second.body.summary).toEqual({
      created: 0,
      changed: 0,
      unchanged: 0,
      alreadyProposed: 3,
      skipped: 3,
    });
    expect(second.body.created.map((row) => row.draftId).sort()).toEqual(
      first.body.created.map((row) => row.draftId).sort(),
    );
    expect(await draftsOf(adminId)).toBe('3');
  });

  it('matches approved coffees by barcode or by roaster and name, and proposes only their changed fields', async () => {
    const queued = (await importFeed(feed())).body.created;
    for (const row of queued) {
      const approved = await catalog.call('POST', `/drafts/${row.draftId}/approve`, {
        body: {},
        token: platform.moderator,
      });
      expect(approved.status).toBe(200);
    }
    const unchanged = await importFeed(feed());
    expect(unchanged.body.summary).toMatchObject({ created: 0, changed: 0, unchanged: 3 });

    // The Kenya's process changes; the Brazil (no barcode) is found by a differently written name.
    const changedFeed = feed(natural).replace('Brazil Cerrado,', 'BRAZIL  – cerrado,');
    const changed = await importFeed(changedFeed);
    expect(changed.body.summary).toEqual({
      created: 0,
      changed: 1,
      unchanged: 2,
      alreadyProposed: 0,
      skipped: 3,
    });
    const kenya = changed.body.matched.find((row) => row.status === 'changed');
    expect(kenya).toMatchObject({ name: 'Kenya Nyeri AA', fields: ['processId'] });
    const draft = await catalog.call<{ action: string; payload: Record<string, unknown> }>(
      'GET',
      `/drafts/${kenya?.draftId}`,
      { token: platform.moderator },
    );
    expect(draft.body.action).toBe('update');
    expect(Object.keys(draft.body.payload)).toEqual(['processId']);

    const again = await importFeed(changedFeed);
    expect(again.body.summary).toEqual({
      created: 0,
      changed: 0,
      unchanged: 2,
      alreadyProposed: 1,
      skipped: 3,
    });
  });

  it('proposes a change once when the same feed is imported many times at once', async () => {
    const code = freshEan13();
    const racing = `name,roaster,barcode\nRace Blend ${code},${roaster},${code}\n`;
    const before = Number(await draftsOf(adminId));
    const reports = await atOnce(copies(6, () => importFeed(racing)));
    expect(reports.map((report) => report.status)).toEqual(Array(6).fill(200));
    expect(reports.filter((report) => report.body.summary.created === 1)).toHaveLength(1);
    expect(new Set(reports.map((report) => report.body.created[0].draftId)).size).toBe(1);
    expect(Number(await draftsOf(adminId))).toBe(before + 1);
  });

  it('re-reads configured feeds (files and URLs) on schedule, as the importer robot', async () => {
    const code = freshEan13();
    const dir = await mkdtemp(path.join(tmpdir(), 'agora-import-'));
    const file = path.join(dir, 'feed.json');
    await writeFile(file, JSON.stringify({ items: [{ name: `Scheduled ${code}`, roaster, barcode: code }] }));
    const server: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/csv');
      response.end(`name,roaster\nServed ${code},${roaster}\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const config = platform.catalogApp.get(CatalogConfig);
      config.CATALOG_IMPORT_FEEDS = [
        file,
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.csv`,
      ];
      const jobs = platform.catalogApp.get(JobRunner);
      const first = await jobs.run<ImportReportDto[]>(ImportFeedsJob.NAME);
      expect(first.ran && first.result.map((report) => report.summary.created)).toEqual([1, 1]);
      const second = await jobs.run<ImportReportDto[]>(ImportFeedsJob.NAME);
      expect(second.ran && second.result.map((report) => report.summary.alreadyProposed)).toEqual([1, 1]);
      expect(await draftsOf(IMPORT_ROBOT_ID)).toBe('2');
      config.CATALOG_IMPORT_FEEDS = [];
    } finally {
      server.close();
    }
  });

  it('answers hostile imports with 4xx problems', async () => {
    const tooMany = `name,roaster\n${`x,${roaster}\n`.repeat(2_001)}`;
    expect((await importFeed(tooMany)).body).toMatchObject({ status: 413, code: 'IMPORT_FEED_TOO_LARGE' });
    const foreign = await catalog.call('POST', '/admin/imports', {
      body: { url: 'http://169.254.169.254/latest/meta-data' },
      token: platform.admin,
    });
    expect(foreign.body).toMatchObject({ status: 400, code: 'IMPORT_SOURCE_NOT_ALLOWED' });
    const closed = await catalog.call('POST', '/admin/imports', {
      body: { url: 'http://127.0.0.1:1/feed.csv' },
      token: platform.admin,
    });
    expect(closed.body).toMatchObject({ status: 422, code: 'IMPORT_SOURCE_FAILED' });
    expect((await importFeed('{"items": {"deep": [[[[]]]]}}')).body).toMatchObject({
      status: 400,
      code: 'IMPORT_FEED_INVALID',
    });
    expect((await catalog.call('POST', '/admin/imports', { body: {}, token: platform.admin })).status).toBe(
      400,
    );
    const nul = await importFeed(`name,roaster\nN\\u0000ul,${roaster}`.replace('\\u0000', '\u0000'));
    expect(nul.status).toBeLessThan(500);
    const tooLong = await importFeed(
      `name,roaster,variety\n${'x'.repeat(201)},${roaster},${'v'.repeat(121)}`,
    );
    expect(tooLong.body.skipped[0].reasons.map((reason) => [reason.code, reason.field])).toEqual([
      ['INVALID_FIELD', 'name'],
      ['INVALID_FIELD', 'variety'],
    ]);
    expect((await importFeed(feed(), platform.moderator)).status).toBe(403);
    expect((await importFeed(feed(), platform.user)).status).toBe(403);
  });
});
