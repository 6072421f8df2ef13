import { spawn } from 'node:child_process'
import path from 'node:path'

/** Starts the built sync server (which serves the web build) on a free port. */
export async function startServer(dataDir: string): Promise<{ baseUrl: string; stop: () => void }> {
  const root = path.resolve(import.meta.dirname, '../..')
  const server = spawn(process.execPath, [path.join(root, 'out/server/index.js')], {
    env: { ...process.env, PORT: '0', REELDESK_DATA: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /REELDESK_SERVER_READY (.*)/.exec(out)
      if (match?.[1]) resolve((JSON.parse(match[1]) as { port: number }).port)
    })
    server.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)))
  })
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => server.kill('SIGTERM') }
}
