import { renameSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const TEST_SERVER_ENTRY = path.join(root, 'out/test-server/index.js')

let built: Promise<string> | null = null

/**
 * Bundles server/index.ts the way scripts/build.mjs does (packages external), without the
 * renderer build the tests do not need. Written to a temp name and renamed, so test files
 * building in parallel never run a half-written bundle.
 */
export function buildTestServer(): Promise<string> {
  built ??= (async () => {
    const temp = `${TEST_SERVER_ENTRY}.${process.pid}.${Date.now()}.tmp.js`
    await build({
      entryPoints: [path.join(root, 'server/index.ts')],
      outfile: temp,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      sourcemap: 'inline',
      define: { __REELDESK_VERSION__: JSON.stringify('test') },
      logLevel: 'warning',
    })
    renameSync(temp, TEST_SERVER_ENTRY)
    return TEST_SERVER_ENTRY
  })()
  return built
}
