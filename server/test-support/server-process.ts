import { spawn, type ChildProcess } from 'node:child_process'
import { buildTestServer } from './build-server'

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcess
  /** Recent output, for failure messages. */
  output(): string
  /** Every stdout line the server printed for tests (`REELDESK_TEST_…`), in order. */
  testMarkers(): readonly string[]
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<number | null>
  /** SIGKILL: the crash case. */
  kill(): Promise<void>
}

export interface ServerOptions {
  dataDir: string
  databaseUrl?: string | undefined
  /** Reuse a port (restart at the same URL, so clients reconnect by themselves). */
  port?: number
  env?: Record<string, string>
}

/** Starts `node out/test-server/index.js` and resolves when it prints its ready line. */
export async function startServerProcess(options: ServerOptions): Promise<ServerProcess> {
  const entry = await buildTestServer()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    REELDESK_DATA: options.dataDir,
    NODE_ENV: 'production',
    REELDESK_STREAM_RECHECK_MS: '500',
    ...options.env,
  }
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000)
  }
  child.stderr?.on('data', keep)
  const markers: string[] = []
  let partial = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('REELDESK_TEST_')) markers.push(line)
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 20 s:\n${log}`)),
      20_000,
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk)
      const match = /REELDESK_SERVER_READY (\{.*\})/.exec(log)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve((JSON.parse(match[1]) as { port: number }).port)
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before it was ready:\n${log}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => log,
    testMarkers: () => markers,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      return exited
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}
