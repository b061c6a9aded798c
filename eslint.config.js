import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Dependencies point one way: web → core, server → core, cli → server, core.
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((dir) => ({ group: [`**/${dir}/*`, `**/${dir}`], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  layer(
    ['core/**'],
    ['server', 'cli', 'web', 'e2e', 'bench'],
    '`core` is pure domain logic: it imports none of the other layers.',
  ),
  layer(['web/**'], ['server', 'cli'], '`web` never imports `server` or `cli`: talk to the API over HTTP.'),
  layer(['server/**'], ['cli', 'web'], '`server` imports only `core`.'),
  {
    // A repository or service may be handed a transaction: one connection, on which node-postgres refuses a
    // query sent while another runs (PGlite queues them silently, so only the PostgreSQL run would notice).
    files: ['server/**/*.ts', 'cli/**/*.ts'],
    ignores: ['**/*.test.ts', 'server/test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name='Promise'][callee.property.name=/^(all|allSettled|race|any)$/]",
          message:
            'Queries go one after another on a transaction: use inOrder / mapInOrder (server/db/in-order.ts).',
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        Blob: 'readonly',
        structuredClone: 'readonly',
      },
    },
  },
);
