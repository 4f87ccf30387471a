import { pixelFlood, png, startSmtpInbox, type SmtpInbox } from '@agora/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FUZZ_ADMIN, FuzzAccounts } from './fuzz/accounts.js';
import { checkResponse } from './fuzz/checks.js';
import { loadMergedApi, mergeDocuments, type MergedApi, type OpenApiDocument } from './fuzz/openapi.js';
import type { FuzzResponse } from './fuzz/requests.js';
import { ResponseSchemas } from './fuzz/response-schemas.js';
import { formatFailures, formatSummary } from './fuzz/report.js';
import { runFuzz } from './fuzz/runner.js';
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
      env: {
        ADMIN_EMAIL: FUZZ_ADMIN.email,
        ADMIN_PASSWORD: FUZZ_ADMIN.password,
        SMTP_URL: inbox.url,
        // One token per role for the whole run; revocation by the run's own requests is avoided, not waited out.
        ACCESS_TOKEN_TTL_SECONDS: '86400',
      },
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
    expect([...services].sort()).toEqual(['auth', 'catalog', 'media', 'order', 'social']);
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

/** The fuzzer's oracle on answers made up here: what it must flag, and what it must let through. */
describe('the fuzz oracle', () => {
  const document = (service: string): OpenApiDocument => ({
    openapi: '3.0.0',
    info: { title: service, version: '1' },
    paths:
      service === 'catalog'
        ? {
            '/coffees/{id}': {
              get: {
                parameters: [
                  { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
                ],
                responses: {
                  '200': {
                    content: { 'application/json': { schema: { $ref: '#/components/schemas/CoffeeDto' } } },
                  },
                  '404': { description: '' },
                },
              },
            },
          }
        : {},
    components: {
      schemas:
        service === 'catalog'
          ? {
              CoffeeDto: {
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  altitudeMin: { type: 'integer', nullable: true },
                  origin: { nullable: true, allOf: [{ $ref: '#/components/schemas/RefDto' }] },
                },
                required: ['id', 'altitudeMin', 'origin'],
              },
              RefDto: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
            }
          : {},
    },
  });
  const api = mergeDocuments({
    auth: document('auth'),
    social: document('social'),
    media: document('media'),
    catalog: document('catalog'),
    order: document('order'),
  });
  const schemas = new ResponseSchemas(api.document);
  const [operation] = api.operations;
  const answer = (status: number, body: unknown, contentType = 'application/json'): FuzzResponse => ({
    status,
    contentType,
    text: JSON.stringify(body),
    json: body,
    requestId: 'r',
    durationMs: 1,
  });
  const kinds = (response: FuzzResponse) =>
    checkResponse(operation, response, schemas, { requireCode: true }).map((defect) => defect.kind);
  const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

  it('reads the public path and the namespaced schemas', () => {
    expect(operation.key).toBe('GET /api/coffees/{id}');
    expect(Object.keys(api.document.components?.schemas ?? {})).toEqual([
      'catalog.CoffeeDto',
      'catalog.RefDto',
    ]);
  });

  it('lets a documented answer through', () => {
    expect(kinds(answer(200, { id, altitudeMin: 1900, origin: null }))).toEqual([]);
    expect(kinds(answer(200, { id, altitudeMin: null, origin: { id: 'x' } }))).toEqual([]);
    const problem = { type: 'about:blank', title: 'Not Found', status: 404, code: 'COFFEE_NOT_FOUND' };
    expect(kinds(answer(404, problem, 'application/problem+json'))).toEqual([]);
  });

  it('flags a 5xx, a 4xx that is not a coded problem, and a 2xx off its schema', () => {
    expect(kinds(answer(500, { status: 500 }, 'application/problem+json'))).toEqual(['server-error']);
    expect(kinds({ ...answer(0, ''), error: 'ECONNRESET' })).toEqual(['no-answer']);
    expect(kinds(answer(414, { statusCode: 414 }))).toEqual(['not-problem-json']);
    expect(kinds(answer(400, { status: 409, code: 'X' }, 'application/problem+json'))).toEqual([
      'not-problem-json',
    ]);
    expect(kinds(answer(400, { status: 400 }, 'application/problem+json'))).toEqual(['problem-without-code']);
    expect(kinds(answer(201, { id, altitudeMin: 1, origin: null }))).toEqual(['undocumented-status']);
    expect(kinds(answer(200, { id, altitudeMin: 1.5, origin: null }))).toEqual(['schema']);
    expect(kinds(answer(200, { id, altitudeMin: 1, origin: { name: 'no id' } }))).toEqual(['schema']);
    // An undocumented field is a mismatch too: the documented objects are closed.
    expect(kinds(answer(200, { id, altitudeMin: 1, origin: null, ownerId: id }))).toEqual(['schema']);
  });
});
