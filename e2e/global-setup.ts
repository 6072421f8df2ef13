import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildAll, isStale } from '../scripts/build.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

/** Builds the web renderer if needed and starts one real server process for the whole run. */
export default async function setup(project: TestProject) {
  if (isStale()) await buildAll()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-e2e-'))
  const server: ChildProcess = spawn(process.execPath, ['out/server/index.js'], {
    env: { ...process.env, PORT: '0', REELDESK_DATA: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /REELDESK_SERVER_READY (.*)/.exec(out)
      if (match?.[1]) resolve((JSON.parse(match[1]) as { port: number }).port)
    })
    server.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)))
  })
  project.provide('baseUrl', `http://127.0.0.1:${port}`)
  return async () => {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    await rm(dataDir, { recursive: true, force: true })
  }
}
