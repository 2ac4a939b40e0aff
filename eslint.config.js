// Lint rules, including the layering that keeps the architecture from rotting:
// domain is pure, only db touches Dexie, the UI never reaches past the API.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const dbPaths = ['**/db', '**/db/*', '**/db/**'];

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
      'no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: 'Only src/db imports dexie.' }],
      }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|\\.{1,2}/)', message: 'src/domain is pure: it imports only zod and itself.' },
          { group: ['../db', '../db/*', '../api', '../api/*', '../ui', '../ui/*', '../state', '../state/*', '../app', '../app/*'], message: 'src/domain may not import other layers.' },
        ],
      }],
    },
  },
  {
    files: ['src/ui/**', 'src/state/**', 'src/app/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: 'Only src/db imports dexie.' }],
        patterns: [{ group: dbPaths, message: 'The UI reads and writes through src/api only, never src/db.' }],
      }],
    },
  },
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: 'Only src/db imports dexie; the API goes through its repositories.' }],
        patterns: [{ group: ['../ui', '../ui/*', '../state', '../state/*', '../app', '../app/*'], message: 'The API may not import the UI.' }],
      }],
    },
  },
);
