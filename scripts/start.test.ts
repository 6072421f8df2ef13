import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// `npm start` end to end: the server comes up, the one-line reason for the missing window is
// printed with the web URL, and Ctrl-C (SIGINT) takes every child down with a clean exit.
let dataDir = ''
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
  it('serves the web mode, says why no window opened, and stops cleanly on Ctrl-C', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-start-'))
    const start = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: '0', REELDESK_DATA: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line; output:\n${output}`)), 90_000)
      start.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /^No desktop window: .*$/m.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(match[0])
        }
      })
      start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    })
    expect(line).toMatch(
      /^No desktop window: there is no display \(DISPLAY\/WAYLAND_DISPLAY unset\)\. Web mode is running at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)\.$/,
    )
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(line)?.[0] ?? ''
    const health = (await (await fetch(`${url}health`)).json()) as { ok: boolean; db: string }
    expect(health).toMatchObject({ ok: true, db: 'sqlite' })

    start.kill('SIGINT')
    const code = await new Promise<number | null>((resolve) => start.once('exit', resolve))
    expect(code).toBe(0)
    // The server shut down gracefully (database closed) and nothing is left listening.
    expect(output).toContain('[server] stopped')
    await expect(fetch(`${url}health`)).rejects.toThrow()
  }, 120_000)
})
