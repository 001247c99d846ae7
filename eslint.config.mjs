// Flat config: ESLint's and typescript-eslint's recommended rules, a few house
// rules, and eslint-config-prettier last so formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', 'node_modules/', '.data/', 'bench/results/', 'console/dist/', 'console/src/gql/', 'client/dist/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error', // the service logs through pino
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // One clock (src/infrastructure/clock.ts), so a test can move "now" for everything.
    files: ['src/**/*.ts'],
    ignores: ['src/infrastructure/clock.ts', 'src/cli/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read "now" from the injected clock (services.clock / this.clock), not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'Read "now" from the injected clock (this.clock.now(), or nowMs() for ages and windows); performance.now() measures elapsed time.',
        },
      ],
    },
  },
  {
    // The domain is pure policy: no persistence, no API layer, no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // Apollo's error codes may be named as types (erased when built): the public codes are Apollo's and ours.
          paths: [
            { name: '@apollo/server/errors', allowTypeImports: true, message: "src/domain names Apollo's error codes as types only." },
          ],
          patterns: [
            {
              group: ['typeorm', 'typeorm/*', 'pg', 'graphql', 'type-graphql', '@apollo/*', 'express'],
              message: 'src/domain has no I/O or API imports.',
            },
            {
              group: ['**/entities', '**/entities/*', '**/services', '**/services/*', '**/graphql', '**/graphql/*'],
              message: 'src/domain depends on nothing outside it.',
            },
            { group: ['node:fs', 'node:fs/*', 'node:http', 'node:https', 'fs', 'http', 'https'], message: 'src/domain does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and command-line tools read loosely typed answers and may print.
    files: ['test/**', 'bench/**', 'src/cli/**', 'client/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
  {
    // The admin console runs in the browser.
    files: ['console/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
