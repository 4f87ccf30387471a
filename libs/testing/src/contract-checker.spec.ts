import { describe, expect, it } from 'vitest';
import { ContractChecker } from './contract-checker.js';

const problem = (status: number, code: string): string =>
  JSON.stringify({ type: 'about:blank', title: 'Not Found', status, code });

const answer = (
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) => ({
  status,
  contentType,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('ContractChecker over the committed openapi/agora.json', () => {
  const checker = new ContractChecker();

  it('matches literal paths before templates, and aliases', () => {
    expect(checker.operationOf('GET', '/listings/mine')?.template).toBe('/listings/mine');
    expect(checker.operationOf('GET', '/listings/4c9a9b52-5f6c-4d5e-9a51-0c1f3b0f5a11?x=1')?.template).toBe(
      '/listings/{id}',
    );
    expect(checker.operationOf('GET', '/product/4c9a9b52-5f6c-4d5e-9a51-0c1f3b0f5a11')?.template).toBe(
      '/product/{id}',
    );
    expect(checker.operationOf('GET', '/nowhere')).toBeUndefined();
  });

  it('accepts a documented problem and refuses an undocumented status, code or media type', () => {
    const id = '/listings/4c9a9b52-5f6c-4d5e-9a51-0c1f3b0f5a11';
    const notFound = checker.operationOf('GET', id)!.operation.responses['404'];
    expect(notFound).toBeDefined();
    const code = (
      notFound.content!['application/problem+json'].schema as {
        allOf: [unknown, { properties: { code: { enum: string[] } } }];
      }
    ).allOf[1].properties.code.enum[0];
    expect(
      checker.mismatches('GET', id, answer(404, problem(404, code), 'application/problem+json')),
    ).toEqual([]);
    expect(
      checker.mismatches('GET', id, answer(404, problem(404, 'NO_SUCH_CODE'), 'application/problem+json')),
    ).toEqual([expect.stringContaining('body does not match the schema')]);
    expect(checker.mismatches('GET', id, answer(404, problem(404, code)))).toEqual([
      expect.stringContaining('served as application/json'),
    ]);
    expect(checker.mismatches('GET', id, answer(418, {}))).toEqual([
      expect.stringContaining('status not documented'),
    ]);
    expect(
      checker.mismatches('GET', id, answer(429, problem(429, 'RATE_LIMITED'), 'application/problem+json')),
    ).toEqual([expect.stringContaining('without Retry-After')]);
    expect(
      checker.mismatches(
        'GET',
        id,
        answer(429, problem(429, 'RATE_LIMITED'), 'application/problem+json', { 'retry-after': '1' }),
      ),
    ).toEqual([]);
  });

  it('checks a success body against its schema, no undocumented field; leaves undocumented paths alone', () => {
    expect(checker.mismatches('GET', '/products', answer(200, { items: 'not a list' }))).toEqual([
      expect.stringContaining('body does not match the schema'),
    ]);
    expect(checker.mismatches('GET', '/nowhere', answer(200, 'anything'))).toEqual([]);
    expect(checker.mismatches('GET', '/.well-known/jwks.json', answer(200, { keys: [] }))).toEqual([]);
    expect(checker.mismatches('GET', '/.well-known/jwks.json', answer(200, { keys: [], secret: 1 }))).toEqual(
      [expect.stringContaining('must NOT have additional properties')],
    );
  });
});
