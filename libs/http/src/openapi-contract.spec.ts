import type { OpenAPIObject } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { finalizeServiceDocument, mergeServiceDocuments, publicPathsOf } from './openapi-contract.js';

const ok = { '200': { description: 'ok' } };

const document = (): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 'catalog', version: '1' },
    paths: {
      '/health': { get: { operationId: 'HealthController_live', responses: ok } },
      '/coffees/top': { get: { operationId: 'KindController_top', responses: ok } },
      '/watches/top': { get: { operationId: 'KindController_top', responses: ok } },
      '/search': {
        get: {
          operationId: 'SearchController_search',
          parameters: [
            { name: 'cache-control', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'Cache-Control', in: 'header', required: false, description: 'no-cache', schema: {} },
          ],
          responses: ok,
        },
      },
    },
    components: {
      schemas: {
        Coffee: {
          type: 'object',
          properties: {
            note: { type: 'string', nullable: true, example: 'x' },
            level: { type: 'string', enum: ['light', 'dark'], nullable: true },
            roaster: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Roaster' }] },
            anything: { nullable: true, description: 'any value' },
          },
        },
      },
    },
  }) as unknown as OpenAPIObject;

describe('finalizeServiceDocument', () => {
  const finalized = finalizeServiceDocument(document(), 'catalog') as unknown as {
    openapi: string;
    servers: unknown;
    paths: Record<
      string,
      {
        get: { operationId: string; parameters?: unknown[]; responses: Record<string, { headers?: object }> };
      }
    >;
    components: { schemas: { Coffee: { properties: Record<string, unknown> } }; securitySchemes: object };
  };

  it('writes 3.0 nullable forms as 3.1 null types', () => {
    expect(finalized.openapi).toBe('3.1.0');
    expect(finalized.components.schemas.Coffee.properties).toEqual({
      note: { type: ['string', 'null'], examples: ['x'] },
      level: { type: ['string', 'null'], enum: ['light', 'dark', null] },
      roaster: { anyOf: [{ $ref: '#/components/schemas/Roaster' }, { type: 'null' }] },
      anything: { description: 'any value' },
    });
  });

  it('keeps the routed paths under /api, with unique ids, one header parameter and the 429', () => {
    expect(Object.keys(finalized.paths)).toEqual(['/coffees/top', '/watches/top', '/search']);
    expect(finalized.servers).toEqual([expect.objectContaining({ url: '/api' })]);
    expect(finalized.paths['/coffees/top'].get.operationId).toBe('catalog_KindController_top_coffees');
    expect(finalized.paths['/watches/top'].get.operationId).toBe('catalog_KindController_top_watches');
    expect(finalized.paths['/search'].get.operationId).toBe('catalog_SearchController_search');
    expect(finalized.paths['/search'].get.parameters).toEqual([
      expect.objectContaining({ name: 'Cache-Control', required: false }),
    ]);
    expect(finalized.paths['/search'].get.responses['429'].headers).toHaveProperty('Retry-After');
    expect(Object.keys(finalized.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
  });
});

describe('mergeServiceDocuments', () => {
  it("puts each path at every public path that reaches it, seed 001's singular ones included", () => {
    expect(publicPathsOf('catalog', '/products/{id}')).toEqual(['/products/{id}', '/product/{id}']);
    expect(publicPathsOf('order', '/cart')).toEqual(['/cart/', '/cart']);
    expect(publicPathsOf('auth', '/me')).toEqual(['/me']);
    // social's `/me/following` is reached through its own route, never through auth's `/me`.
    expect(publicPathsOf('auth', '/me/following')).toEqual([]);
  });

  it('renames a schema that differs from another service’s of the same name, and what refers to it', () => {
    const page = {
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Comment' } } },
    };
    const of = (comment: object) =>
      ({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {},
        components: { schemas: { Comment: comment, CommentPage: page } },
      }) as unknown as OpenAPIObject;
    const merged = mergeServiceDocuments(
      {
        social: of({ type: 'object', properties: { postId: {} } }),
        catalog: of({ type: 'object', properties: { checkinId: {} } }),
      },
      { title: 'Agora', description: '' },
    );
    expect(Object.keys(merged.components?.schemas ?? {}).sort()).toEqual([
      'CatalogComment',
      'CatalogCommentPage',
      'Comment',
      'CommentPage',
    ]);
    expect(JSON.stringify(merged.components?.schemas?.CatalogCommentPage)).toContain('CatalogComment"');
  });
});
