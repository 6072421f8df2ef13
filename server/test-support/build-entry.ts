import { renameSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const built = new Map<string, Promise<string>>()

/**
 * Bundles a TypeScript entry (packages external) to out/test-entries/<name>.js once per test
 * process, for tests that run it as a child process. Written to a temp name and renamed, so
 * parallel test files never start a half-written bundle.
 */
export function buildTestEntry(entry: string): Promise<string> {
  const cached = built.get(entry)
  if (cached) return cached
  const done = (async () => {
    const out = path.join(root, 'out/test-entries', `${path.basename(entry, '.ts')}.js`)
    const temp = `${out}.${process.pid}.${Date.now()}.tmp.js`
    await build({
      entryPoints: [path.join(root, entry)],
      outfile: temp,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
    })
    renameSync(temp, out)
    return out
  })()
  built.set(entry, done)
  return done
}
