// Lint at error level, including the layering rules (docs/architecture.md#the-rules-lint-enforces-and-why):
//   src/shared    imports no runtime (no node:, no electron, no packages but zod/flatbush)
//   src/renderer  imports only src/shared (and the preload's types) and browser packages
//   electron, keytar, electron-store only in src/main/platform/** and src/main/index.ts
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { allowedImportsRule } from './lint/allowed-imports-rule.js';

const electronOnly = {
  paths: [
    { name: 'electron', message: 'Electron lives only in src/main/platform and src/main/index.ts (docs/architecture.md#electron-at-the-edge).' },
    { name: 'keytar', message: 'keytar lives only in src/main/platform (docs/architecture.md#electron-at-the-edge).' },
    { name: 'electron-store', message: 'electron-store lives only in src/main/platform (docs/architecture.md#electron-at-the-edge).' },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', '.scratch-*/', 'out/', 'dist/', 'dist-web/', 'dist-hub/', 'test-results/', 'playwright-report/', 'assets/', '.data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    // Each folder of src/ says what it may import (lint/allowed-imports.js); a new folder starts with nothing.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { opentas: { rules: { 'allowed-imports': allowedImportsRule } } },
    rules: { 'opentas/allowed-imports': 'error' },
  },
  {
    files: ['src/main/platform/**', 'src/main/index.ts', 'test/electron/**', 'test/keychain/**', 'electron.vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/backend/**', '**/renderer/**', '**/webhost/**'], message: 'The preload imports only electron and src/shared.' }] },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.{1,2}/|zod$|flatbush$)', message: 'src/shared is pure: it imports only zod, flatbush and itself.' },
            { group: ['**/main/**', '**/backend/**', '**/renderer/**', '**/preload/**', '**/webhost/**'], message: 'src/shared imports nothing of the other layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'The renderer runs in a sandbox: no Node built-ins.' },
            { group: ['electron', 'keytar', 'electron-store', 'socket.io-client', 'better-sqlite3'], message: 'The renderer reaches the world only through window.tas.' },
            { group: ['**/main/**', '**/backend/**', '**/webhost/**', '**/preload/*', '!**/preload/api'], message: 'The renderer imports only src/shared and the preload types.' },
          ],
        },
      ],
    },
  },
  {
    // Services are the desk's logic, tested here with hand-written fakes of their ports: they never reach
    // for the Electron adapters, the Node adapters, the IPC handlers or the app's wiring (which import them).
    files: ['src/main/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [
            {
              group: ['**/platform/**', '**/adapters/**', '**/ipc/**', '**/ipc-handlers*', '**/client-app*', '**/desk-view*', '**/renderer/**', '**/backend/**', '**/webhost/**'],
              message: 'src/main/services imports only src/shared, its own folder and packages; it receives adapters through its ports (services/ports.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests are real: fakes are hand-written classes that implement a port, never module mocks.
    files: ['test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'unmock', 'doUnmock', 'importMock', 'hoisted'].map((property) => ({
          object: 'vi',
          property,
          message: 'No module mocks: pass a hand-written fake that implements the port (test/fakes/README.md).',
        })),
      ],
    },
  },
  {
    files: ['src/backend/**', 'src/webhost/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...electronOnly.paths,
            // Loaded with `await import()` where used: at every start they cost the hub 0.4-0.6 s before it listens,
            // and a restart is what a reconnect storm waits for (docs/performance.md, storm).
            ...['pg', 'redis', '@socket.io/redis-adapter', 'pdf-lib'].map((name) => ({
              name,
              allowTypeImports: true,
              message: `${name} is loaded where it is used (await import('${name}')), not at every start of the hub.`,
            })),
          ],
          patterns: [{ group: ['**/renderer/**', '**/preload/**', '**/platform/**'], message: 'The hub and the browser host never import renderer, preload or Electron adapters.' }],
        },
      ],
    },
  },
);
