import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startInProcessPlatform, type InProcessPlatform } from './support/in-process-platform.js';

interface Problem {
  status: number;
  code: string;
  errors?: { field: string; messages: string[] }[];
}

/**
 * Input the database or the parsers would choke on, sent through `npm start`'s gateway: each is a 4xx
 * problem naming what was wrong, never a 5xx (issue 11, item 4 and 7).
 */
describe('hostile input through the gateway', () => {
  let platform: InProcessPlatform;
  const api = (path: string) => `${platform.gatewayUrl}/api${path}`;

  async function problemOf(response: Response, status: number, code: string): Promise<Problem> {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = JSON.parse(text) as Problem;
    expect(problem.code).toBe(code);
    return problem;
  }

  const fieldsOf = (problem: Problem) => (problem.errors ?? []).map((error) => error.field);

  beforeAll(async () => {
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'hostile');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('takes JSON in UTF-8 only: forms, text and other charsets are 415', async () => {
    const registration = { email: 'form@example.com', login: 'form', password: 'correct horse x' };
    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', 'email=form%40example.com&login=form&password=correct+horse+x'],
      ['text/plain', JSON.stringify(registration)],
      ['application/json; charset=utf-16', JSON.stringify(registration)],
    ]) {
      await problemOf(
        await fetch(api('/registration'), { method: 'POST', headers: { 'content-type': contentType }, body }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
    const utf8 = await fetch(api('/registration'), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(registration),
    });
    expect(utf8.status).toBe(201);
  });

  it('refuses JSON nested thousands of levels deep, and malformed JSON, with 400', async () => {
    for (const body of ['['.repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
      await problemOf(
        await fetch(api('/registration'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
        400,
        'JSON_TOO_DEEP',
      );
    }
    await problemOf(
      await fetch(api('/registration'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email": ',
      }),
      400,
      'MALFORMED_JSON',
    );
    await problemOf(
      await fetch(api('/registration'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"__proto__": {"admin": true}}',
      }),
      400,
      'MALFORMED_JSON',
    );
  });

  it('refuses NUL characters in bodies, queries and paths with 400 naming the parameter', async () => {
    const body = await problemOf(
      await fetch(api('/registration'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nul@example.com', login: 'nul\u0000x', password: 'correct horse x' }),
      }),
      400,
      'INVALID_CHARACTERS',
    );
    expect(fieldsOf(body)).toEqual(['login']);
    const nested = await problemOf(
      await fetch(api('/registration'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'nul@example.com',
          login: 'nul',
          password: 'x',
          extra: [{ a: 'b\u0000' }],
        }),
      }),
      400,
      'INVALID_CHARACTERS',
    );
    expect(fieldsOf(nested)).toEqual(['extra[0].a']);
    for (const path of ['/search?q=caf%00e', '/coffees?search=a%00b', '/coffees?filter[name][ilike]=a%00']) {
      await problemOf(await fetch(api(path)), 400, 'INVALID_CHARACTERS');
    }
    await problemOf(await fetch(api('/dictionaries/roasters/ab%00cd')), 400, 'INVALID_CHARACTERS');
  });

  it('refuses impossible dates, fractions and huge numbers on whole-number fields, naming the filter', async () => {
    const cases: [string, string][] = [
      ['/coffees?filter[createdAt][gt]=-010000-01-01T00:00:00Z', 'filter[createdAt][gt]'],
      ['/coffees?filter[createdAt][lt]=+275760-09-13T00:00:00Z', 'filter[createdAt][lt]'],
      ['/coffees?filter[altitudeMin][gt]=1.5', 'filter[altitudeMin][gt]'],
      ['/coffees?filter[altitudeMin][gt]=1e20', 'filter[altitudeMin][gt]'],
      ['/coffees?filter[altitudeMax][between]=1,99999999999', 'filter[altitudeMax][between]'],
      ['/watches?filter[startRelease][in]=1950,2.5', 'filter[startRelease][in]'],
      ['/categories?filter[position][gte]=-1e400', 'filter[position][gte]'],
    ];
    for (const [path, field] of cases) {
      const problem = await problemOf(await fetch(api(path)), 400, 'INVALID_LIST_QUERY');
      expect(fieldsOf(problem), path).toContain(field);
    }
    const fine = await fetch(api('/coffees?filter[altitudeMin][gte]=1200&filter[createdAt][gt]=2000-01-01'));
    expect(fine.status).toBe(200);
  });

  it('refuses hand-made cursors with impossible values', async () => {
    const cursor = (sort: string, values: (string | null)[]) =>
      Buffer.from(JSON.stringify({ s: sort, v: values })).toString('base64url');
    const id = '01a20eb5-b89d-709d-8bf2-787d8dfcba9f';
    for (const [path] of [
      [`/coffees?sort=-createdAt&cursor=${cursor('-createdAt', ['2026-13-45 25:61:61', id])}`],
      [`/coffees?sort=-createdAt&cursor=${cursor('-createdAt', ['2026-02-30 10:00:00+00', id])}`],
      [`/coffees?sort=altitudeMin&cursor=${cursor('altitudeMin', ['1e999999', id])}`],
      [`/coffees?sort=altitudeMin&cursor=${cursor('altitudeMin', ['99999999999', id])}`],
      [`/products?sort=price&cursor=${cursor('price', ['1e999999', id])}`],
      [`/coffees?sort=-createdAt&cursor=${cursor('-createdAt', ['2026-01-01 10:00:00+00', 'not-a-uuid'])}`],
    ]) {
      const problem = await problemOf(await fetch(api(path)), 400, 'INVALID_LIST_QUERY');
      expect(fieldsOf(problem), path).toContain('cursor');
    }
  });

  it('gives every error a code, the router and the pipes included', async () => {
    const badId = await problemOf(await fetch(api('/coffees/not-a-uuid')), 400, 'VALIDATION_FAILED');
    expect(fieldsOf(badId)).toEqual(['id']);
    await problemOf(await fetch(api('/products?categoryId=7')), 400, 'VALIDATION_FAILED');
    await problemOf(await fetch(api('/users')), 401, 'AUTHENTICATION_REQUIRED');
    await problemOf(await fetch(api('/coffees/x/y/z')), 404, 'NOT_FOUND');
  });

  it('sends no HSTS or upgrade-insecure-requests while PUBLIC_URL is plain http (item 10)', async () => {
    const response = await fetch(api('/coffees'));
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('security headers behind https', () => {
  let platform: InProcessPlatform;

  beforeAll(async () => {
    platform = await startInProcessPlatform(inject('testDatabaseUrl'), 'hostile_https', {
      env: { PUBLIC_URL: 'https://agora.example' },
    });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('sends HSTS and upgrade-insecure-requests when PUBLIC_URL is https', async () => {
    const response = await fetch(`${platform.gatewayUrl}/api/coffees`);
    expect(response.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});
