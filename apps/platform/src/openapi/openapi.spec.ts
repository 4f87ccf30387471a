import SwaggerParser from '@apidevtools/swagger-parser';
import { SERVICE_NAMES } from '@agora/contracts';
import { HTTP_METHODS, PROBLEM_CONTENT_TYPE } from '@agora/http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MERGED_SPEC_FILE,
  OPENAPI_COMMAND,
  renderOpenApiFiles,
  REPOSITORY_ROOT,
} from './openapi-documents.js';

/**
 * The committed OpenAPI documents and client (issue 18): in step with the code (regenerated here in memory
 * and compared), valid OpenAPI 3.1, and saying what the API does (problem+json errors, uuid ids, public
 * routes, unique operation ids, the gateway's server, seed 001's singular routes).
 */
interface Schema {
  readonly type?: string | string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: unknown[];
  readonly properties?: Record<string, Schema>;
  readonly allOf?: Schema[];
}
interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly style?: string;
  readonly explode?: boolean;
  readonly schema?: Schema;
}
interface Response {
  readonly headers?: Record<string, unknown>;
  readonly content?: Record<
    string,
    { readonly schema?: Schema; readonly examples?: Record<string, unknown> }
  >;
}
interface Operation {
  readonly operationId?: string;
  readonly parameters?: Parameter[];
  readonly requestBody?: { readonly content?: Record<string, unknown> };
  readonly responses: Record<string, Response>;
  readonly security?: Record<string, string[]>[];
}
interface Document {
  readonly openapi: string;
  readonly servers: { url: string }[];
  readonly paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
  readonly components: { readonly securitySchemes: Record<string, unknown> };
}

const committed = (file: string): string => {
  try {
    return readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
  } catch {
    return '';
  }
};

const SPEC_FILES = [...SERVICE_NAMES.map((name) => `openapi/${name}.json`), MERGED_SPEC_FILE];

function operationsOf(document: Document): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    HTTP_METHODS.flatMap((method): [string, string, Operation][] => {
      const operation = item[method];
      return operation ? [[route, method, operation]] : [];
    }),
  );
}

const operation = (
  document: Document,
  route: string,
  method: (typeof HTTP_METHODS)[number] = 'get',
): Operation => {
  const found = document.paths[route]?.[method];
  if (!found) {
    throw new Error(`${method} ${route} is not in the document`);
  }
  return found;
};

describe('committed OpenAPI documents and TypeScript client', () => {
  let generated: Map<string, string>;
  beforeAll(async () => {
    generated = await renderOpenApiFiles();
  }, 120_000);

  it('are what the code generates', () => {
    expect([...generated.keys()].sort()).toEqual(
      expect.arrayContaining([...SPEC_FILES, 'clients/typescript/src/schema.ts'].sort()),
    );
    const stale = [...generated].filter(([file, text]) => committed(file) !== text).map(([file]) => file);
    expect(stale, `out of date with the code: run \`${OPENAPI_COMMAND}\` and commit the result`).toEqual([]);
  });

  it.each(SPEC_FILES)('%s is a valid OpenAPI 3.1 document', async (file) => {
    const document = JSON.parse(committed(file)) as Document;
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.servers).toEqual([expect.objectContaining({ url: '/api' })]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
    expect(committed(file)).not.toMatch(/"nullable":/);
  });

  describe('the merged document', () => {
    let merged: Document;
    beforeAll(() => {
      merged = JSON.parse(committed(MERGED_SPEC_FILE)) as Document;
    });

    it('has one operation id per operation across the services', () => {
      const ids = operationsOf(merged).map(([, , found]) => found.operationId ?? '');
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
      expect(ids.every(Boolean)).toBe(true);
    });

    it("serves seed 001's singular routes beside the plural ones", () => {
      for (const route of [
        '/product/{id}',
        '/coffee/{id}',
        '/watch/{id}',
        '/order/{id}',
        '/user/{id}',
        '/cart/',
      ]) {
        expect(merged.paths, route).toHaveProperty([route]);
      }
      expect(merged.paths).not.toHaveProperty(['/health']);
    });

    it('serves every error as problem+json with its codes and an example of each, 429s with Retry-After', () => {
      const wrong: string[] = [];
      for (const [route, method, found] of operationsOf(merged)) {
        for (const [status, response] of Object.entries(found.responses)) {
          if (Number(status) < 400) {
            continue;
          }
          const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema;
          if (
            !schema ||
            Object.keys(response.content ?? {}).length !== 1 ||
            !schema.allOf?.[1]?.properties?.code?.enum?.length
          ) {
            wrong.push(`${method} ${route} ${status}: not a problem with codes`);
          }
          const codes = (schema?.allOf?.[1]?.properties?.code?.enum ?? []) as string[];
          const examples = Object.keys(response.content?.[PROBLEM_CONTENT_TYPE]?.examples ?? {});
          if (examples.sort().join() !== [...codes].sort().join()) {
            wrong.push(`${method} ${route} ${status}: examples ${examples.join()} for codes ${codes.join()}`);
          }
          if (status === '429' && !response.headers?.['Retry-After']) {
            wrong.push(`${method} ${route} 429 without Retry-After`);
          }
        }
        if (!found.responses['429']) {
          wrong.push(`${method} ${route} without 429`);
        }
        if (found.requestBody?.content?.['application/json'] && !found.responses['415']) {
          wrong.push(`${method} ${route} takes JSON without 415`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('types every id parameter as a uuid', () => {
      const untyped = operationsOf(merged).flatMap(([route, method, found]) =>
        (found.parameters ?? [])
          .filter(
            (parameter) =>
              parameter.in === 'path' && /id$/i.test(parameter.name) && parameter.schema?.format !== 'uuid',
          )
          .map((parameter) => `${method} ${route} ${parameter.name}`),
      );
      expect(untyped).toEqual([]);
    });

    it('marks public routes public and the others as needing the bearer token or the cookie', () => {
      expect(operation(merged, '/listings/{id}').security).toEqual([{}, { bearer: [] }, { cookie: [] }]);
      expect(operation(merged, '/listings/mine').security).toEqual([{ bearer: [] }, { cookie: [] }]);
      expect(operation(merged, '/search').security ?? []).not.toContainEqual({ bearer: [] });
    });

    it('describes list queries: a typed deepObject filter and a sort of allowed fields', () => {
      const parameters = operation(merged, '/products').parameters ?? [];
      const filter = parameters.find((parameter) => parameter.name === 'filter')!;
      expect(filter).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
      expect(filter.schema?.properties?.price.properties?.gte).toEqual({ type: 'number' });
      expect(filter.schema?.properties?.name.properties).toHaveProperty('ilike');
      expect(filter.schema?.properties?.available.properties).not.toHaveProperty('gt');
      const sort = parameters.find((parameter) => parameter.name === 'sort')!;
      expect(sort.schema?.type).toBe('string');
      expect(new RegExp(sort.schema?.pattern ?? '').test('-price,name')).toBe(true);
      expect(new RegExp(sort.schema?.pattern ?? '').test('password')).toBe(false);
      expect(parameters.some((parameter) => parameter.name.startsWith('filter['))).toBe(false);
    });

    it('keeps one parameter per header, whatever its case', () => {
      const headers = (operation(merged, '/search').parameters ?? [])
        .filter((parameter) => parameter.in === 'header')
        .map((parameter) => parameter.name.toLowerCase());
      expect(headers).toContain('cache-control');
      expect(headers).toHaveLength(new Set(headers).size);
    });

    it('lets nullable references be null', () => {
      const text = committed(MERGED_SPEC_FILE);
      expect(text).not.toMatch(/"allOf": \[\s*\{\s*"\$ref"[^\]]*\]\s*,\s*"nullable"/);
      expect(text).toMatch(/"type": "null"/);
    });
  });
});
