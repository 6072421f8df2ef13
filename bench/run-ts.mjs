// Runs a TypeScript benchmark: bundles it with esbuild (packages stay external) and imports it.
//   node bench/run-ts.mjs bench/sync/main.ts
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const entry = process.argv[2]
if (!entry) {
  console.error('usage: node bench/run-ts.mjs <entry.ts>')
  process.exit(2)
}
// Two levels below the repository root, like the sources: modules that find the root from their
// own location (server/test-support/build-server.ts: '../..') still find it once bundled here.
const outfile = path.resolve('bench/.build', `${path.basename(entry, '.ts')}.mjs`)
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
})
await import(pathToFileURL(outfile).href)
