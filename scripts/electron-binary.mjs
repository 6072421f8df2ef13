// Finds the Electron binary, or fetches it on demand. `npm install` never downloads it
// (package.json allowScripts denies electron's postinstall) so install works offline and on
// machines where the download is blocked; start and package call this instead.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectron() {
  if (process.env.ELECTRON_PATH) {
    return existsSync(process.env.ELECTRON_PATH)
      ? { path: process.env.ELECTRON_PATH }
      : { path: null, reason: `ELECTRON_PATH=${process.env.ELECTRON_PATH} does not exist` }
  }
  let pkgDir
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return { path: null, reason: 'the electron package is not installed (run npm install)' }
  }
  try {
    const binary = require('electron')
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary }
  } catch {
    // falls through: the package is there but its binary was never downloaded
  }
  return {
    path: null,
    reason: `the Electron binary is not downloaded (${path.join(pkgDir, 'dist')})`,
  }
}

/**
 * Runs electron's own installer (the download npm install skipped), bounded in time.
 * @returns {Promise<{ path: string } | { path: null, reason: string }>}
 */
export async function fetchElectron({ timeoutMs = 120_000 } = {}) {
  let installer
  try {
    installer = require.resolve('electron/install.js')
  } catch {
    return { path: null, reason: 'the electron package is not installed (run npm install)' }
  }
  const outcome = await new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ ok: false, reason: `download timed out after ${Math.round(timeoutMs / 1000)} s` })
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      // The first line that is not a stack frame carries the error (e.g. "getaddrinfo ENOTFOUND").
      const message =
        stderr
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l && !l.startsWith('at ')) ?? `exit code ${code}`
      resolve(code === 0 ? { ok: true } : { ok: false, reason: `download failed: ${message}` })
    })
  })
  if (!outcome.ok) return { path: null, reason: outcome.reason }
  return findElectron()
}
