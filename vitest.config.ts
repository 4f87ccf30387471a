import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const libs = [
  'auth',
  'config',
  'contracts',
  'database',
  'http',
  'list-query',
  'mail',
  'messaging',
  'rate-limit',
  'runtime',
  'logging',
  'testing',
];
const alias = Object.fromEntries(
  libs.map((lib) => [`@agora/${lib}`, path.resolve(import.meta.dirname, `libs/${lib}/src/index.ts`)]),
);

// SWC keeps decorator metadata, which Nest's dependency injection needs and esbuild drops.
const plugins = [
  swc.vite({
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  }),
];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.data/test-results/vitest.json' },
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          setupFiles: ['reflect-metadata'],
          include: ['apps/**/src/**/*.spec.ts', 'libs/**/src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'medium',
          setupFiles: ['reflect-metadata'],
          include: ['apps/**/test/**/*.medium-spec.ts', 'libs/**/test/**/*.medium-spec.ts'],
          globalSetup: ['libs/testing/src/global-setup.ts'],
          // Files provision roles in one database; run them one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          setupFiles: ['reflect-metadata'],
          include: ['e2e/**/*.e2e-spec.ts'],
          globalSetup: ['libs/testing/src/global-setup.ts'],
          // One e2e file at a time: each boots whole platforms and shares the machine's two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
