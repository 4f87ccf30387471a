import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_PAGES, WEB_RETURN_PATH_PATTERN } from './web.js';

describe('the web app pages the services send people to', () => {
  it('are routes of the web app', () => {
    const root = path.resolve(import.meta.dirname, '../../../..');
    const routes = readFileSync(path.join(root, 'apps/web/src/pages/auth/routes.tsx'), 'utf8');
    for (const page of Object.values(WEB_PAGES).filter((page) => page !== '/')) {
      expect(routes, page).toContain(`path: '${page.slice(1)}'`);
    }
  });

  it('return to paths of the app only', () => {
    for (const next of ['/', '/coffees?sort=-rating', '/coffees?q=кофе и чай', '/orders/1#top']) {
      expect(WEB_RETURN_PATH_PATTERN.test(next), next).toBe(true);
    }
    for (const next of [
      '',
      'coffees',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/\t/evil',
    ]) {
      expect(WEB_RETURN_PATH_PATTERN.test(next), next).toBe(false);
    }
  });
});
