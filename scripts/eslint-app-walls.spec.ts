import { Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appWallsPlugin } from './eslint-app-walls.mjs';

const root = path.resolve(import.meta.dirname, '..');
const linter = new Linter({ configType: 'flat', cwd: root });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    plugins: { agora: appWallsPlugin(root) },
    rules: { 'agora/app-walls': 'error' },
  },
];

/** The wall messages ESLint gives `code` as the file `file` (relative to the repository root). */
const walls = (file: string, code: string): string[] =>
  linter
    .verify(code, config, { filename: path.join(root, file) })
    .map((message) => message.ruleId ?? message.message);

describe('agora/app-walls', () => {
  it.each([
    [
      'a relative import of another app',
      'apps/social-service/src/a.ts',
      "import x from '../../auth-service/src/users/user.entity.js';",
    ],
    [
      'a root-relative import of another app',
      'apps/catalog-service/src/a.ts',
      "import x from 'apps/media-service/src/media/media.service.js';",
    ],
    [
      'an export from another app',
      'apps/order-service/src/a.ts',
      "export * from '../../catalog-service/src/prices.js';",
    ],
    [
      'a dynamic import of another app',
      'apps/order-service/src/a.ts',
      "await import('../../auth-service/src/main.js');",
    ],
    [
      'a test reaching into another app',
      'apps/catalog-service/test/a.medium-spec.ts',
      "import x from '../../media-service/src/media/orphan-sweep.job.js';",
    ],
    [
      'an app composing another through its definition',
      'apps/order-service/src/a.ts',
      "import x from '../../auth-service/src/auth-service.definition.js';",
    ],
    [
      'a lib importing an app',
      'libs/testing/src/a.ts',
      "import x from '../../../apps/media-service/src/media-service.definition.js';",
    ],
    [
      'the platform reaching into an app',
      'apps/platform/src/seed.ts',
      "import x from '../../catalog-service/src/seed/catalog-seed.js';",
    ],
    [
      'an e2e test reaching into an app',
      'e2e/a.e2e-spec.ts',
      "import x from '../apps/auth-service/src/users/users.repository.js';",
    ],
  ])('refuses %s', (_what, file, code) => {
    expect(walls(file, code)).toEqual(['agora/app-walls']);
  });

  it.each([
    [
      'imports within an app',
      'apps/auth-service/src/a/b.ts',
      "import x from '../users/users.repository.js';",
    ],
    [
      "an app's tests importing its own code",
      'apps/auth-service/test/a.medium-spec.ts',
      "import x from '../src/users/users.repository.js';",
    ],
    [
      'the platform composing an app through its definition',
      'apps/platform/src/service-definitions.ts',
      "import x from '../../auth-service/src/auth-service.definition.js';",
    ],
    [
      'a test composing another app through its definition',
      'apps/media-service/test/a.medium-spec.ts',
      "import x from '../../auth-service/src/auth-service.definition.js';",
    ],
    [
      'an e2e test starting the platform',
      'e2e/support/a.ts',
      "import x from '../../apps/platform/src/embedded/start-platform.js';",
    ],
    [
      'libs and packages',
      'apps/auth-service/src/a.ts',
      "import x from '@agora/database'; import y from 'typeorm';",
    ],
  ])('lets through %s', (_what, file, code) => {
    expect(walls(file, code)).toEqual([]);
  });
});
