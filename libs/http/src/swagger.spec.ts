import { describe, expect, it } from 'vitest';
import { documentedCodesOf, documentEdgeErrors } from './swagger.js';

const problem = (codes: string[]) => ({
  description: 'Bad Request: …',
  content: {
    'application/problem+json': {
      schema: {
        allOf: [
          { $ref: '#/components/schemas/ProblemDetails' },
          { type: 'object', properties: { code: { type: 'string', enum: codes } } },
        ],
      },
    },
  },
});

describe('documentEdgeErrors', () => {
  it("adds what the edge answers before a handler runs to each operation, keeping the route's own codes", () => {
    const document = documentEdgeErrors({
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/shelves/{id}': {
          patch: {
            parameters: [{ name: 'id', in: 'path', required: true }],
            requestBody: { content: { 'application/json': { schema: {} } } },
            responses: { '200': { description: 'ok' }, '400': problem(['SHELF_TOO_LONG']) },
          },
          get: {
            parameters: [{ name: 'id', in: 'path', required: true }],
            responses: { '200': { description: 'ok' } },
          },
        },
        '/shelves': {
          get: {
            parameters: [{ name: 'limit', in: 'query', required: false }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const patch = document.paths['/shelves/{id}'].patch!.responses;
    expect(documentedCodesOf(patch['400'])).toEqual([
      'SHELF_TOO_LONG',
      'VALIDATION_FAILED',
      'MALFORMED_JSON',
      'JSON_TOO_DEEP',
      'INVALID_CHARACTERS',
    ]);
    expect(documentedCodesOf(patch['413'])).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(documentedCodesOf(patch['415'])).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(documentedCodesOf(document.paths['/shelves/{id}'].get!.responses['400'])).toEqual([
      'INVALID_CHARACTERS',
    ]);
    expect(documentedCodesOf(document.paths['/shelves'].get!.responses['400'])).toEqual([
      'VALIDATION_FAILED',
      'INVALID_CHARACTERS',
    ]);
  });
});
