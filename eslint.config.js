// Type-aware ESLint for the whole monorepo (`npm run lint`, part of `npm run check`).
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { appWallsPlugin } from './scripts/eslint-app-walls.mjs';

export default tseslint.config(
  { ignores: ['dist/**', '.data/**', 'node_modules/**', 'coverage/**', 'nginx/**', 'infra/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Apps never import one another, by alias or relative path; the platform, e2e tests, benchmarks and
    // an app's tests compose apps through their definition files (scripts/eslint-app-walls.mjs).
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { agora: appWallsPlugin(import.meta.dirname) },
    rules: { 'agora/app-walls': 'error' },
  },
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../libs/*', '../../../libs/*', '**/libs/*/src/*'],
              message: 'Import libs through @agora/<lib>.',
            },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks and e2e tests import libs through @agora too (which apps they may reach: agora/app-walls).
    files: ['bench/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/*'], message: 'Import libs through @agora/<lib>.' }] },
      ],
    },
  },
  {
    // The web app (React): the rules of hooks and complete effect dependencies.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
