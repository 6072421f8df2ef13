// Lint rules, including the process boundaries (DESIGN §1): a violation fails `npm run lint`.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const forbid = (names, message) => names.map((name) => ({ name, message }))
const forbidPatterns = (group, message) => ({ group, message })

const restrict = ({ paths = [], patterns = [] }) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
})

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'release/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'bench/.build/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // App code logs through shared/logger, never console.*.
  {
    files: ['main/**', 'preload/**', 'renderer/**', 'server/**', 'shared/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-console': 'error' },
  },
  // renderer: browser code. No electron, no Node, no reaching into other processes.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // Tests run in Node and may read fixtures; the shipped renderer code may not.
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict({
      paths: [
        ...forbid(['electron'], 'The renderer never imports electron: use the platform interface.'),
        ...forbid(nodeBuiltins, 'The renderer runs in a browser: no Node built-ins.'),
      ],
      patterns: [
        forbidPatterns(['electron/*', 'node:*'], 'The renderer cannot use electron or Node.'),
        forbidPatterns(
          ['**/main/**', '**/preload/**', '**/server/**', '../main', '../server', '../preload'],
          'The renderer may import shared/ only, not other processes.',
        ),
      ],
    }),
  },
  // shared: pure code used everywhere. No I/O of any kind, no UI, no other process.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/test-support/**'],
    rules: restrict({
      paths: [
        ...forbid(['electron'], 'shared/ is pure: no electron.'),
        ...forbid(nodeBuiltins, 'shared/ is pure: no Node built-ins (no I/O).'),
        ...forbid(
          ['better-sqlite3', 'pg', 'kysely', 'react', 'react-dom', 'idb-keyval', 'dexie'],
          'shared/ is pure: no database, storage or UI libraries.',
        ),
      ],
      patterns: [
        forbidPatterns(
          ['electron/*', 'node:*', 'rxdb/plugins/storage-*'],
          'shared/ is pure: no I/O.',
        ),
        forbidPatterns(
          ['**/main/**', '**/preload/**', '**/server/**', '**/renderer/**'],
          'shared/ cannot depend on a process folder.',
        ),
      ],
    }),
  },
  // main: may use electron and Node, never the renderer or the server's internals.
  {
    files: ['main/**/*.ts'],
    rules: restrict({
      patterns: [
        forbidPatterns(
          ['**/renderer/**', '**/server/**', '**/preload/**', 'react', 'react-dom'],
          'main/ imports shared/ only (plus Node and electron).',
        ),
      ],
    }),
  },
  // preload: electron + shared only; it is a thin bridge.
  {
    files: ['preload/**/*.ts'],
    rules: restrict({
      paths: forbid(nodeBuiltins, 'The sandboxed preload has no Node built-ins.'),
      patterns: [
        forbidPatterns(
          ['**/renderer/**', '**/server/**', '**/main/**'],
          'preload/ imports shared/ only.',
        ),
      ],
    }),
  },
  // server: Node only; never electron or UI code.
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts', 'server/test-support/**'],
    rules: restrict({
      paths: forbid(['electron', 'react', 'react-dom'], 'The server is a plain Node process.'),
      patterns: [
        forbidPatterns(
          ['**/renderer/**', '**/main/**', '**/preload/**'],
          'server/ imports shared/ only.',
        ),
      ],
    }),
  },
  // Server integration tests drive the real client: they may use the renderer's data layer
  // (RxDB + replication, no UI), never electron, React or the other processes.
  {
    files: ['server/**/*.test.ts', 'server/test-support/**/*.ts'],
    rules: restrict({
      paths: forbid(['electron', 'react', 'react-dom'], 'Server tests run in plain Node.'),
      patterns: [
        forbidPatterns(
          ['**/main/**', '**/preload/**', '**/renderer/app/**', '**/renderer/features/**'],
          "Server tests may use the renderer's data layer (renderer/data), not its UI.",
        ),
      ],
    }),
  },
)
