// `npm run package [-- --e2e] [-- <electron-builder args>]`: build, make sure Electron's binary is
// there (fetching it where the network allows), then pack with electron-builder. `--e2e` uses the
// variant whose fuses keep inspect arguments on for Playwright.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll } from './build.mjs'
import { fetchElectron, findElectron } from './electron-binary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const e2e = args.includes('--e2e')
const passThrough = args.filter((a) => a !== '--e2e')

await buildAll()
const electron = findElectron().path ? findElectron() : await fetchElectron()
if (electron.path === null) {
  console.error(`Cannot package: ${electron.reason}. Packaging needs Electron's binary.`)
  process.exit(1)
}
const config = e2e ? 'electron-builder.e2e.yml' : 'electron-builder.yml'
const run = spawnSync(
  path.join(root, 'node_modules/.bin/electron-builder'),
  ['--config', config, ...passThrough],
  { cwd: root, stdio: 'inherit' },
)
process.exit(run.status ?? 1)
