// Lint rules, including the layering that keeps the architecture from rotting:
// domain is pure, only db touches Dexie, the UI never reaches past the API.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const dbPaths = ['**/db', '**/db/*', '**/db/**'];
// The user index (src/index) is reached from a layer's folders only by climbing to src/, so a
// path of '../' steps followed by `index` names it; './index' and '../db/index' (barrels) do not.
const indexLayer = { regex: '^(\\.\\./)+index(/|$)', message: 'Only src/api imports the user index (src/index).' };

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.e2e-artifacts/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TypeScript checks names itself (and knows DOM types such as AutoFill that the rule does not).
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    files: ['src/**'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/db imports dexie.' }],
        },
      ],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod$|\\.{1,2}/)', message: 'src/domain is pure: it imports only zod and itself.' },
            {
              group: [
                '../db',
                '../db/*',
                '../api',
                '../api/*',
                '../ui',
                '../ui/*',
                '../state',
                '../state/*',
                '../app',
                '../app/*',
              ],
              message: 'src/domain may not import other layers.',
            },
            indexLayer,
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**', 'src/state/**', 'src/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/db imports dexie.' }],
          patterns: [
            { group: dbPaths, message: 'The UI reads and writes through src/api only, never src/db.' },
            indexLayer,
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/db imports dexie; the API goes through its repositories.' }],
          patterns: [
            {
              group: ['../ui', '../ui/*', '../state', '../state/*', '../app', '../app/*'],
              message: 'The API may not import the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // The user index: an in-memory read model over src/db, used only by src/api.
    files: ['src/index/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/db imports dexie; the index goes through its repositories.' }],
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./(domain|db)(/|$))',
              message: 'src/index imports only src/domain, src/db and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The codec of stored users is loaded by workers too: nothing but the domain's types.
    files: ['src/index/user-codec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!\\.\\./domain$)', message: 'The user codec is pure: it imports only src/domain.' }],
        },
      ],
    },
  },
  {
    // src/db sits below the index (the index reads and writes through it); from src/db/*.ts,
    // '../index' is the layer, from src/db/migrations it is the db barrel (one more step up is the layer).
    files: ['src/db/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../index', '../index/*'], message: 'src/db may not import the user index.' }] },
      ],
    },
  },
  {
    files: ['src/db/migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../index', '../../index/*'],
              message: 'A migration is frozen: it may not import the user index or its codec (copy what it needs).',
            },
          ],
        },
      ],
    },
  },
);
