// Builds the renderer, main and preload (electron-vite) and the server (esbuild).
// `--if-stale` skips the build when out/ is newer than every source file: `npm start` uses it so
// a second start is instant and a changed file is never run stale.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stamp = path.join(root, 'out', '.build-stamp')
const SOURCES = ['main', 'preload', 'renderer', 'shared', 'server', 'resources']
const CONFIGS = [
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'scripts/build.mjs',
]

/** @param {string} entry */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0
  const info = statSync(entry)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules') continue
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  }
  return newest
}

export function isStale() {
  if (!existsSync(stamp)) return true
  const built = statSync(stamp).mtimeMs
  return [...SOURCES, ...CONFIGS].some((p) => newestMtime(path.join(root, p)) > built)
}

export async function buildAll({ mode = 'production' } = {}) {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  const vite = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--mode', mode],
    { cwd: root, stdio: 'inherit' },
  )
  if (vite.status !== 0) throw new Error('electron-vite build failed')
  await build({
    entryPoints: [path.join(root, 'server/index.ts')],
    outfile: path.join(root, 'out/server/index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    define: { __REELDESK_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  })
  writeFileSync(stamp, new Date().toISOString())
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ifStale = process.argv.includes('--if-stale')
  if (ifStale && !isStale()) {
    console.log('build is up to date')
  } else {
    await buildAll().catch((error) => {
      console.error(error.message)
      process.exit(1)
    })
  }
}
