import { ACCESS_ERRORS } from '@agora/auth';
import { SERVICES, type ServiceName } from '@agora/contracts';
import { HTTP_ERRORS, PROBLEM_DETAILS, PROBLEM_TITLES, type ErrorCatalog } from '@agora/http';
import { LIST_QUERY_ERRORS } from '@agora/list-query';
import { RATE_LIMIT_ERRORS } from '@agora/rate-limit';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every catalog of codes: the libs' and each service's `*.errors.ts` (`<name>.errors.ts` and its modules' own). */
async function everyCatalog(): Promise<ErrorCatalog[]> {
  const files = (Object.keys(SERVICES) as ServiceName[]).flatMap((name) => {
    const source = path.join(ROOT, 'apps', `${name}-service`, 'src');
    return readdirSync(source, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.errors.ts'))
      .map((file) => path.join(source, file));
  });
  const services = await Promise.all(
    files.map(async (file) => {
      const exports = (await import(file)) as Record<string, unknown>;
      const catalog = Object.keys(exports).find((key) => /^[A-Z_]+_ERRORS$/.test(key));
      return exports[catalog ?? ''] as ErrorCatalog;
    }),
  );
  return [HTTP_ERRORS, ACCESS_ERRORS, LIST_QUERY_ERRORS, RATE_LIMIT_ERRORS, ...services];
}

/** The problem catalogue (libs/http problem-messages.ts) against every domain's codes (issue 17). */
describe('problem translations', () => {
  it('give every code of every domain a Russian and a Spanish detail, and every status a title', async () => {
    const missing: string[] = [];
    for (const catalog of await everyCatalog()) {
      for (const [code, { status }] of Object.entries(catalog)) {
        if (!PROBLEM_DETAILS[code]?.ru || !PROBLEM_DETAILS[code]?.es) {
          missing.push(`detail of ${code}`);
        }
        if (!PROBLEM_TITLES[status]?.ru || !PROBLEM_TITLES[status]?.es) {
          missing.push(`title of ${status}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('hold no line for a code that no catalog has (besides the codes of errors raised without one)', async () => {
    const known = new Set((await everyCatalog()).flatMap((catalog) => Object.keys(catalog)));
    const withoutCatalog = ['NOT_FOUND', 'BAD_REQUEST', 'METHOD_NOT_ALLOWED', 'INTERNAL_ERROR'];
    expect(
      Object.keys(PROBLEM_DETAILS).filter((code) => !known.has(code) && !withoutCatalog.includes(code)),
    ).toEqual([]);
  });
});
