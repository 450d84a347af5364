// Lint rules that keep each runtime in its folder (see ARCHITECTURE.md):
// src/ is the engine (Node only), renderer/ is the page (browser only), electron/ the shell.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'zlib',
  'url',
  'util',
  'stream',
  'worker_threads',
  'module',
  'process',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'scratch/**',
      'fixtures/**',
      'release/**',
      'test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'electron',
            'react',
            'react-dom',
            'zustand',
            '@tanstack/react-query',
            'cytoscape',
          ],
          patterns: [
            {
              group: [
                '../renderer/*',
                '../../renderer/*',
                '../electron/*',
                '../../electron/*',
              ],
              message: 'The engine never imports the page or the shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      globals: { ...globals.node, window: 'off', document: 'off', navigator: 'off' },
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_BUILTINS, '@duckdb/node-api', 'electron'],
          patterns: [
            {
              group: ['node:*'],
              message: 'The page has no Node: ask the engine through the API.',
            },
            {
              regex: '(^|/)src/(?!api/contract(\\.js)?$)',
              message: 'The page may import only src/api/contract (types and schemas).',
            },
          ],
        },
      ],
    },
  },
);
