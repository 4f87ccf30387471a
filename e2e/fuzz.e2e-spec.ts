import { pixelFlood, png, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FUZZ_ADMIN, FuzzAccounts } from './fuzz/accounts.js';
import { loadMergedApi, type MergedApi } from './fuzz/openapi.js';
import { formatFailures, formatSummary, runFuzz } from './fuzz/runner.js';
import { ServiceLogs } from './fuzz/service-logs.js';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

/** FUZZ_SEED replays a run; FUZZ_RUNS sets its size (`npm run test:fuzz` sends 50 000). */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(process.env.FUZZ_RUNS ?? 5_000);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 4);

/**
 * Issue 11 item 9: every operation of the merged OpenAPI document, fuzzed through the gateway with valid and
 * hostile input (fast-check), with no token and each role's token. No 5xx; every 4xx a problem+json with a
 * code; every 2xx as its documented schema says.
 */
describe('fuzzing every route of the OpenAPI document', () => {
  let inbox: SmtpInbox;
  let platform: InProcessPlatform;
  let api: MergedApi;
  let accounts: FuzzAccounts;
  let logs: ServiceLogs;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'fuzz', {
      ADMIN_EMAIL: FUZZ_ADMIN.email,
      ADMIN_PASSWORD: FUZZ_ADMIN.password,
      SMTP_URL: inbox.url,
      // One token per role for the whole run; revocation by the run's own requests is avoided, not waited out.
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    });
    logs = new ServiceLogs([
      platform.platform.logger,
      ...Object.values(platform.platform.services).map((service) => service.logger),
    ]);
    api = await loadMergedApi(platform.gatewayUrl);
    accounts = new FuzzAccounts(platform.gatewayUrl, inbox);
    await accounts.create();
  });

  afterAll(async () => {
    await platform?.close();
    await inbox?.close();
  });

  it('reads every service document through the gateway into one', () => {
    expect(api.operations.length).toBeGreaterThan(80);
    const services = new Set(api.operations.map((operation) => operation.service));
    expect([...services].sort()).toEqual(['auth', 'catalog', 'media', 'social']);
    // Only each service's own health routes are not published under /api.
    expect(api.unreachable.every((entry) => /\/health/.test(entry))).toBe(true);
  });

  it(
    `answers ${runs} generated requests without a 5xx, with coded problems and documented bodies (seed ${seed})`,
    async () => {
      const images = await Promise.all(
        [
          [8, 8],
          [16, 9],
          [33, 21],
          [64, 64],
          [5, 120],
          [128, 72],
        ].map(([width, height], index) => png(width, height, 20 + index * 30)),
      );
      const report = await runFuzz(
        { gatewayUrl: platform.gatewayUrl, api, accounts, images, pixelFlood: pixelFlood(), logs },
        {
          seed,
          runs,
          concurrency,
          check: { requireCode: true },
          warmUpRoles: ['admin', 'admin', 'seller', 'moderator', 'user'],
          shrinkAttemptsPerGroup: 30,
          timeoutMs: 30_000,
          ...(process.env.FUZZ_TRACE ? { trace: process.env.FUZZ_TRACE } : {}),
        },
      );
      console.log(formatSummary(report));
      expect(report.sent).toBe(runs);
      expect(report.groups.length, formatFailures(report, platform.gatewayUrl)).toBe(0);
    },
    Math.max(170_000, runs * 60),
  );
});
