// `npm start`: build what is stale, start the sync server (SQLite in the data folder), then open
// the desktop window when an Electron binary exists or can be fetched; otherwise say why in one
// line and keep serving the web mode. Ctrl-C stops every child and waits for them.
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll, isStale } from './build.mjs'
import { fetchElectron, findElectron } from './electron-binary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = process.env.PORT ?? '4400'
const dataDir = process.env.REELDESK_DATA ?? path.join(os.homedir(), '.reeldesk')
const children = new Set()
let stopping = false

function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(root, 'out/server/index.js')], {
      cwd: root,
      env: { ...process.env, PORT: port, REELDESK_DATA: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.add(server)
    let buffered = ''
    server.stdout.on('data', (chunk) => {
      const text = chunk.toString()
      process.stdout.write(text.replace(/^REELDESK_SERVER_READY .*\n/m, ''))
      buffered += text
      const match = /^REELDESK_SERVER_READY (.*)$/m.exec(buffered)
      if (match) {
        buffered = ''
        resolve({ server, port: JSON.parse(match[1] ?? '{}').port })
      }
    })
    server.on('exit', (code, signal) => {
      children.delete(server)
      if (!stopping) {
        reject(new Error(`the server exited (${signal ?? `code ${code}`})`))
        shutdown(code ?? 1)
      }
    })
  })
}

async function desktopBinary() {
  if (process.env.REELDESK_NO_DESKTOP) return { path: null, reason: 'REELDESK_NO_DESKTOP is set' }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' }
  }
  const found = findElectron()
  if (found.path) return found
  return fetchElectron({
    timeoutMs: Number(process.env.REELDESK_ELECTRON_FETCH_TIMEOUT_MS ?? 120_000),
  })
}

function shutdown(code = 0) {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  const waitAll = [...children].map((c) => new Promise((r) => c.once('exit', r)))
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL')
  }, 12_000)
  void Promise.all(waitAll).then(() => {
    clearTimeout(force)
    process.exit(code)
  })
}

process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

try {
  if (isStale()) {
    console.log('building Reeldesk…')
    await buildAll()
  }
  const { port: actualPort } = await startServer()
  const url = `http://127.0.0.1:${actualPort}/`
  const binary = await desktopBinary()
  if (binary.path === null) {
    console.log(
      `No desktop window: ${binary.reason}. Web mode is running at ${url} (Ctrl-C to stop).`,
    )
  } else {
    console.log(`Opening the desktop app (sync server at ${url}; Ctrl-C to stop).`)
    const desktop = spawn(binary.path, [root], {
      cwd: root,
      env: { ...process.env, REELDESK_SERVER_URL: url },
      stdio: 'inherit',
    })
    children.add(desktop)
    desktop.on('exit', () => {
      children.delete(desktop)
      shutdown(0)
    })
  }
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`)
  shutdown(1)
}
