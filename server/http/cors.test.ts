import { beforeAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN } from '../../shared/app-origin'
import { blobPaths } from '../../shared/blobs/protocol'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { testClient } from '../test-support/client'
import { useHarness } from '../test-support/harness'
import { rawRequest } from '../test-support/raw-http'
import type { ServerProcess } from '../test-support/server-process'

// The desktop window (app://reeldesk) calls the sync server cross-origin: without these answers
// Chromium refuses every API call it makes. CORS depends on no database: SQLite is enough here.
describe('cross-origin access for the desktop app (real server process)', () => {
  const harness = useHarness('sqlite')
  let server: ServerProcess
  let token: string
  let workspaceId: string

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    const up = await testClient(server.url).auth.signUp.mutate({
      email: 'cors@example.com',
      password: 'a long enough password',
      displayName: 'Cors',
    })
    token = up.token
    workspaceId = up.personalWorkspaceId
  })

  const preflight = (path: string, origin: string, method: string, headers: string) =>
    rawRequest(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': headers,
      },
    })

  it('answers the app’s preflights for the API and the blob store with what it sends', async () => {
    for (const [path, method, headers] of [
      ['/trpc/sync.push', 'POST', 'authorization,content-type,x-reeldesk-protocol'],
      [blobPaths.usage(workspaceId), 'GET', 'authorization'],
      ['/blobs/v1/x/uploads/y', 'PUT', 'authorization,content-type'],
    ] as const) {
      const answer = await preflight(path, APP_ORIGIN, method, headers)
      expect(answer.status, path).toBe(204)
      expect(answer.headers['access-control-allow-origin'], path).toBe(APP_ORIGIN)
      expect(String(answer.headers['access-control-allow-methods'])).toContain(method)
      const allowed = String(answer.headers['access-control-allow-headers']).toLowerCase()
      for (const name of headers.split(',')) expect(allowed, `${path} ${name}`).toContain(name)
      // Never cookies: the API authenticates with a bearer token only.
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined()
    }
  })

  it('lets the app read real answers, errors included', async () => {
    const me = await rawRequest(`${server.url}/trpc/auth.me`, {
      headers: { Origin: APP_ORIGIN, Authorization: `Bearer ${token}` },
    })
    expect(me.status).toBe(200)
    expect(me.headers['access-control-allow-origin']).toBe(APP_ORIGIN)
    const refused = await rawRequest(`${server.url}/trpc/sync.pull?input=%7B%7D`, {
      headers: { Origin: APP_ORIGIN, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.headers['access-control-allow-origin']).toBe(APP_ORIGIN)
    const usage = await rawRequest(`${server.url}${blobPaths.usage(workspaceId)}`, {
      headers: { Origin: APP_ORIGIN, Authorization: `Bearer ${token}` },
    })
    expect(usage.status).toBe(200)
    expect(usage.headers['access-control-allow-origin']).toBe(APP_ORIGIN)
    expect(String(usage.headers['access-control-expose-headers'])).toContain('Content-Range')
    expect(usage.headers['vary']).toContain('Origin')
  })

  it('gives any other origin nothing a browser would let its scripts read', async () => {
    for (const origin of [
      'https://evil.example',
      'app://reeldesk.evil.example',
      'app://evil',
      'null',
      `${APP_ORIGIN}:8080`,
    ]) {
      const answer = await preflight('/trpc/auth.me', origin, 'GET', 'authorization')
      expect(answer.headers['access-control-allow-origin'], origin).toBeUndefined()
      const me = await rawRequest(`${server.url}/trpc/auth.me`, {
        headers: { Origin: origin, Authorization: `Bearer ${token}` },
      })
      expect(me.headers['access-control-allow-origin'], origin).toBeUndefined()
    }
    // The web build's own pages need none: same origin.
    const page = await rawRequest(`${server.url}/`, { headers: { Origin: APP_ORIGIN } })
    expect(page.headers['access-control-allow-origin']).toBeUndefined()
  })
})
