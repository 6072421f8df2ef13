// `npm run test:e2e [-- vitest args]`: the end-to-end suites alone (real server, Chromium),
// e.g. `npm run test:e2e -- e2e/sync.e2e.test.ts`. `npm test` runs them as its e2e stage.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--config',
    'vitest.e2e.config.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
)
process.exit(run.status ?? 1)
