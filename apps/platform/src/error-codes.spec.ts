import { ACCESS_ERRORS } from '@agora/auth';
import { SERVICES, type ServiceName } from '@agora/contracts';
import { createServiceDocument, documentedCodesOf, HTTP_ERRORS, type ErrorCatalog } from '@agora/http';
import { LIST_QUERY_ERRORS } from '@agora/list-query';
import { createLogger } from '@agora/logging';
import { RATE_LIMIT_ERRORS } from '@agora/rate-limit';
import { PlatformModule, type ServiceDefinition, type ServiceRuntime } from '@agora/runtime';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

/**
 * The error model's guard (ADR 0008): per service with a catalog (`apps/<name>-service/src/<name>.errors.ts`),
 * every code its source names (`XErrorCode.CODE`) is in its catalog or a lib's, and in the service's
 * OpenAPI document, built from its definition as the running service builds it. A service joins this test
 * when its catalog file appears.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The libs' catalogs, by the name of their codes object. */
const LIB_CATALOGS: Readonly<Record<string, ErrorCatalog>> = {
  HttpErrorCode: HTTP_ERRORS,
  AccessErrorCode: ACCESS_ERRORS,
  ListQueryErrorCode: LIST_QUERY_ERRORS,
  RateLimitErrorCode: RATE_LIMIT_ERRORS,
};

const REFERENCE = /\b([A-Z][A-Za-z]*ErrorCode)\.([A-Z][A-Z0-9_]*)\b/g;
/** Where codes are documented rather than raised: `Api…Errors(…)` calls and lists of codes for them. */
const DOCUMENTING = [
  /\bApi[A-Za-z]*Errors\((?:[^()]|\([^()]*\))*\)/g,
  /\bconst [A-Z_]+_ERRORS = \[[^\]]*\]/g,
];

/** A code written as a string into an exception, past the enum (TypeScript accepts it; reviewers would not). */
const LITERAL = /new [A-Z][A-Za-z]*Exception\(\s*'([A-Z][A-Z0-9_]*)'/g;

interface ServiceCatalog {
  readonly codesName: string;
  readonly catalog: ErrorCatalog;
}

function catalogFileOf(name: ServiceName): string {
  return path.join(ROOT, 'apps', `${name}-service`, 'src', `${name}.errors.ts`);
}

async function catalogIn(file: string): Promise<ServiceCatalog> {
  const exports = (await import(file)) as Record<string, unknown>;
  const catalogName = Object.keys(exports).find((key) => /^[A-Z_]+_ERRORS$/.test(key));
  const codesName = Object.keys(exports).find((key) => key.endsWith('ErrorCode'));
  if (!catalogName || !codesName) {
    throw new Error(`${path.basename(file)} exports no <NAME>_ERRORS catalog and <Name>ErrorCode codes`);
  }
  return { codesName, catalog: exports[catalogName] as ErrorCatalog };
}

function serviceCatalogOf(name: ServiceName): Promise<ServiceCatalog> {
  return catalogIn(catalogFileOf(name));
}

/** A module's own catalog besides the service's (CoTask's blocks: `src/cotask/<block>/<block>.errors.ts`). */
function moduleCatalogsOf(name: ServiceName): Promise<ServiceCatalog[]> {
  const files = readdirSync(path.join(ROOT, 'apps', `${name}-service`, 'src'), {
    withFileTypes: true,
    recursive: true,
  })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.errors.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => file !== catalogFileOf(name));
  return Promise.all(files.map(catalogIn));
}

function sourceFilesOf(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}migrations${path.sep}`));
}

interface SourceCodes {
  /** `Codes.CODE` for each code the source raises (named outside the decorators that document codes). */
  readonly named: Map<string, { readonly codesName: string; readonly code: string; readonly file: string }>;
  readonly literals: string[];
}

function codesInSource(name: ServiceName): SourceCodes {
  const named: SourceCodes['named'] = new Map();
  const literals: string[] = [];
  for (const file of sourceFilesOf(path.join(ROOT, 'apps', `${name}-service`, 'src'))) {
    const text = DOCUMENTING.reduce(
      (source, pattern) => source.replace(pattern, ''),
      readFileSync(file, 'utf8'),
    );
    const relative = path.relative(ROOT, file);
    for (const [, codesName, code] of text.matchAll(REFERENCE)) {
      named.set(`${codesName}.${code}`, { codesName: codesName, code: code, file: relative });
    }
    for (const [, code] of text.matchAll(LITERAL)) {
      literals.push(`${relative}: '${code}'`);
    }
  }
  return { named, literals };
}

/** The service's OpenAPI document, from its module graph in Nest's preview mode (nothing is instantiated). */
async function documentOf(
  definition: ServiceDefinition,
): Promise<{ app: INestApplication; codes: Set<string> }> {
  const runtime = {
    config: {},
    logger: createLogger('error-codes-spec', 'silent'),
    dataSource: {},
    schema: SERVICES[definition.name].schema,
    bus: {},
    relay: {},
  } as unknown as ServiceRuntime;
  const app = await NestFactory.create(PlatformModule.forService(definition, runtime), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = createServiceDocument(app, definition);
  // Codes of the socket protocol are documented with it (README), not in the OpenAPI document.
  const codes = new Set<string>(definition.socketErrorCodes ?? []);
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.patch, item.delete]) {
      for (const response of Object.values(operation?.responses ?? {})) {
        documentedCodesOf(response).forEach((code) => codes.add(code));
      }
    }
  }
  return { app, codes };
}

const withCatalog = (Object.keys(SERVICE_DEFINITIONS) as ServiceName[]).filter((name) =>
  existsSync(catalogFileOf(name)),
);

describe('error codes: thrown, catalogued, documented', () => {
  const apps: INestApplication[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('covers every service that answers HTTP errors (auth, catalog, media, social)', () => {
    expect(withCatalog).toEqual(expect.arrayContaining(['auth', 'catalog', 'media', 'social']));
  });

  it.each(withCatalog)('%s-service', async (name) => {
    const own = await serviceCatalogOf(name);
    const modules = await moduleCatalogsOf(name);
    const catalogs: Record<string, ErrorCatalog> = {
      ...LIB_CATALOGS,
      [own.codesName]: own.catalog,
      ...Object.fromEntries(modules.map((module) => [module.codesName, module.catalog])),
    };
    const source = codesInSource(name);
    expect(source.literals, 'codes written as strings instead of from the catalog').toEqual([]);

    const notInCatalog = [...source.named.values()]
      .filter(({ codesName, code }) => !catalogs[codesName] || !(code in catalogs[codesName]))
      .map(({ codesName, code, file }) => `${file}: ${codesName}.${code}`);
    expect(notInCatalog, 'codes named in the source that no catalog has').toEqual([]);

    const { app, codes: documented } = await documentOf(SERVICE_DEFINITIONS[name]);
    apps.push(app);
    const undocumented = [...source.named.values()]
      .filter(({ code }) => !documented.has(code))
      .map(({ codesName, code, file }) => `${file}: ${codesName}.${code}`);
    expect(undocumented, `codes ${name}-service answers that its OpenAPI document does not list`).toEqual([]);

    const unused = [own, ...modules].flatMap(({ codesName, catalog }) =>
      Object.keys(catalog)
        .filter((code) => !source.named.has(`${codesName}.${code}`))
        .map((code) => `${codesName}.${code}`),
    );
    expect(unused, `codes in ${name}-service's catalogs that nothing in ${name}-service raises`).toEqual([]);

    const known = new Set(Object.values(catalogs).flatMap((catalog) => Object.keys(catalog)));
    expect(
      [...documented].filter((code) => !known.has(code)),
      'documented codes that no catalog defines',
    ).toEqual([]);
  });
});
