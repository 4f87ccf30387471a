import {
  type ServiceName,
  GATEWAY_SPECS,
  SERVICE_DOCS_JSON_PATH,
  SERVICE_DOCS_PATH,
  SERVICE_GATEWAY_DOCS_PATH,
} from '@agora/contracts';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { BODY_ERROR_CODES, HTTP_ERRORS, PARAMETER_ERROR_CODES, type HttpErrorCode } from './http.errors.js';
import { finalizeServiceDocument } from './openapi-contract.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

/**
 * The service's OpenAPI 3.1 document as the gateway serves it: the edge's codes added to every operation that
 * can answer them, then the contract pass (`finalizeServiceDocument`). `npm run openapi` commits it.
 */
export function createServiceDocument(
  app: INestApplication,
  definition: { readonly name: ServiceName; readonly title: string; readonly description: string },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(definition.title)
    .setDescription(definition.description)
    .setVersion('1')
    .build();
  return finalizeServiceDocument(
    documentEdgeErrors(SwaggerModule.createDocument(app, config)),
    definition.name,
  );
}

/**
 * Serves the service's own spec (`/docs`, `/docs-json`) and the gateway's merged UI
 * (`/gateway-docs`), whose spec list points at the five specs behind the gateway. The document is built once,
 * on the first request that needs it.
 */
export function setUpSwagger(
  app: INestApplication,
  definition: { readonly name: ServiceName; readonly title: string; readonly description: string },
): void {
  // Built on the first request for a spec or the UI, not at start: scanning every route costs start-up time
  // and keeps the document resident in services nobody asks for docs.
  let document: OpenAPIObject | undefined;
  const documentOnFirstRequest = (): OpenAPIObject => (document ??= createServiceDocument(app, definition));
  SwaggerModule.setup(SERVICE_DOCS_PATH, app, documentOnFirstRequest, {
    jsonDocumentUrl: SERVICE_DOCS_JSON_PATH,
  });
  SwaggerModule.setup(SERVICE_GATEWAY_DOCS_PATH, app, documentOnFirstRequest, {
    raw: false,
    explorer: true,
    customSiteTitle: 'Agora API',
    swaggerOptions: { urls: GATEWAY_SPECS.map((spec) => ({ name: spec.name, url: spec.url })) },
  });
}

interface ProblemSchema {
  allOf?: [unknown, { properties?: { code?: { enum?: string[] } } }];
}

/** The codes a documented response's problem schema allows (`ApiErrors` writes them as an enum). */
export function documentedCodesOf(response: unknown): string[] {
  const content = (response as { content?: Record<string, { schema?: ProblemSchema }> } | undefined)?.content;
  return content?.[PROBLEM_CONTENT_TYPE]?.schema?.allOf?.[1].properties?.code?.enum ?? [];
}

type Responses = Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;

function addCodes(responses: Responses, codes: readonly HttpErrorCode[]): void {
  for (const code of codes) {
    const { status, description } = HTTP_ERRORS[code];
    const existing = responses[status];
    const known = documentedCodesOf(existing);
    if (known.includes(code)) {
      continue;
    }
    const line = `\`${code}\` ${description}`;
    responses[status] = {
      description: existing
        ? `${existing.description}; ${line}`
        : `${STATUS_CODES[status] ?? 'Error'}: ${line}`,
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/ProblemDetails' },
              { type: 'object', properties: { code: { type: 'string', enum: [...known, code] } } },
            ],
          },
        },
      },
    };
  }
}

/**
 * Adds to every operation the codes the HTTP edge can answer before its handler runs: those of reading and
 * validating a JSON body where it takes one, those of its query and path parameters where it has some.
 */
export function documentEdgeErrors(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const responses = operation.responses as Responses;
      const parameters = (operation.parameters ?? []) as { in?: string }[];
      if (
        operation.requestBody &&
        'content' in operation.requestBody &&
        operation.requestBody.content['application/json']
      ) {
        addCodes(responses, BODY_ERROR_CODES);
      }
      if (parameters.some((parameter) => parameter.in === 'query')) {
        addCodes(responses, PARAMETER_ERROR_CODES);
      }
      if (parameters.some((parameter) => parameter.in === 'path')) {
        addCodes(responses, ['INVALID_CHARACTERS']);
      }
    }
  }
  return document;
}
