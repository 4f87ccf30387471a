import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSE_NGINX_OPTIONS, renderNginxConf, renderNginxHealthScript } from './nginx.js';
import { resolveGatewayRoute } from './routes.js';

describe('gateway route table', () => {
  it('keeps seed 001 routes working as written, rewriting singular forms to plural routes', () => {
    expect(resolveGatewayRoute('/api/registration')).toMatchObject({ service: 'auth', url: '/registration' });
    expect(resolveGatewayRoute('/api/user/42')).toMatchObject({ service: 'auth', url: '/users/42' });
    expect(resolveGatewayRoute('/api/users?page=2')).toMatchObject({ service: 'auth', url: '/users?page=2' });
    expect(resolveGatewayRoute('/api/product/7')).toMatchObject({ service: 'catalog', url: '/products/7' });
    expect(resolveGatewayRoute('/api/product')).toMatchObject({ service: 'catalog', url: '/products' });
    expect(resolveGatewayRoute('/api/category/1')).toMatchObject({
      service: 'catalog',
      url: '/categories/1',
    });
    expect(resolveGatewayRoute('/api/order/9')).toMatchObject({ service: 'order', url: '/orders/9' });
    expect(resolveGatewayRoute('/api/cart/3')).toMatchObject({ service: 'order', url: '/cart/3' });
    expect(resolveGatewayRoute('/api/profiles/abc')).toMatchObject({
      service: 'social',
      url: '/profiles/abc',
    });
  });

  it('routes the WebSocket path, the docs and nothing else', () => {
    expect(resolveGatewayRoute('/ws/?EIO=4&transport=websocket')).toMatchObject({
      service: 'social',
      websocket: true,
    });
    expect(resolveGatewayRoute('/api/docs/catalog.json')).toMatchObject({
      service: 'catalog',
      url: '/docs-json',
    });
    expect(resolveGatewayRoute('/api/docs/')).toMatchObject({ service: 'auth', url: '/gateway-docs/' });
    expect(resolveGatewayRoute('/api/usersx')).toBeUndefined();
    expect(resolveGatewayRoute('/registration')).toBeUndefined();
  });

  it('has a committed nginx config and health script in step with the route table', () => {
    const root = path.resolve(import.meta.dirname, '../../../..');
    const committedConf = readFileSync(path.join(root, 'nginx/nginx.conf'), 'utf8');
    const committedScript = readFileSync(path.join(root, 'nginx/gateway-health.js'), 'utf8');
    expect(committedConf, 'nginx/nginx.conf drifted: run `npm run nginx:generate`').toBe(
      renderNginxConf(COMPOSE_NGINX_OPTIONS),
    );
    expect(committedScript, 'nginx/gateway-health.js drifted: run `npm run nginx:generate`').toBe(
      renderNginxHealthScript(),
    );
  });

  it("takes seed 001's DELETE /api/cart/ with its trailing slash as /cart, and only that path", () => {
    expect(resolveGatewayRoute('/api/cart/')).toMatchObject({ service: 'order', url: '/cart' });
    expect(resolveGatewayRoute('/api/cart')).toMatchObject({ service: 'order', url: '/cart' });
    expect(resolveGatewayRoute('/api/cart/abc?x=1')).toMatchObject({
      service: 'order',
      url: '/cart/abc?x=1',
    });
    const conf = renderNginxConf(COMPOSE_NGINX_OPTIONS);
    expect(conf).toContain('location = /api/cart/ {');
    expect(conf).not.toContain('location /api/cart// {');
  });

  it('generates an exact and a prefix location for every route', () => {
    const conf = renderNginxConf(COMPOSE_NGINX_OPTIONS);
    expect(conf).toContain('location = /api/product {');
    expect(conf).toContain('proxy_pass http://catalog_service/products/;');
    expect(conf).toContain('location = /api/health {');
    expect(conf).toContain('server social-service:3002 max_fails=3 fail_timeout=10s resolve;');
    expect(conf).toContain('resolver 127.0.0.11 valid=10s ipv6=off;');
  });
});
