// Lint, including the house plan's import boundaries (../shared/ARCHITECTURE.md):
// a wrong import fails `npm test` instead of waiting for review.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'module'];

const ban = (group, message) => ({ group, message });

/** no-restricted-imports for one layer. */
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const ELECTRON = ban(['electron', 'electron/*'], "Only electron/main.ts, preload.ts, window.ts and ipc.ts may import 'electron'.");
const RENDERER = ban(['**/renderer/**', '**/renderer'], 'Nothing outside renderer/ imports the renderer.');
const ELECTRON_DIR = ban(['**/electron/**'], 'This layer must not import electron/.');
const DB_DIR = ban(['**/db/**', '**/db'], 'This layer must not import db/.');
const NODE = ban(NODE_BUILTINS, 'This layer runs in the browser too: no Node built-ins.');
const DRIVERS = ban(['better-sqlite3', 'kysely'], 'Only db/ talks to the database.');
const UI = ban(['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'lucide-react'], 'UI libraries belong to renderer/.');

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'out/**', '.keel-bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['shared/**/*.ts'], [ELECTRON, RENDERER, ELECTRON_DIR, DB_DIR, NODE, DRIVERS, UI]),
  layer(['db/**/*.ts'], [ELECTRON, RENDERER, ELECTRON_DIR, UI]),
  layer(['electron/core/**/*.ts', 'electron/host/**/*.ts'], [ELECTRON, RENDERER, UI]),
  layer(['electron/*.ts'], [RENDERER, UI]),
  layer(['renderer/**/*.{ts,tsx}'], [ELECTRON, ELECTRON_DIR, DB_DIR, NODE, DRIVERS]),
);
