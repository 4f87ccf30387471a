// Type-aware ESLint for the whole monorepo (`npm run lint`, part of `npm run check`).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.data/**', 'node_modules/**', 'coverage/**', 'nginx/**', 'infra/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
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
            { group: ['**/apps/*'], message: 'Apps never import from one another.' },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks, like the platform, compose apps: they may import them (but still libs through @agora).
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/libs/*/src/*'], message: 'Import libs through @agora/<lib>.' }] },
      ],
    },
  },
  {
    // End-to-end tests start the platform as `npm start` composes it (apps/platform), never an app's internals.
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/libs/*/src/*'], message: 'Import libs through @agora/<lib>.' },
            {
              group: ['**/apps/*', '!**/apps/platform'],
              message: 'e2e tests reach the apps only through the platform (apps/platform).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
