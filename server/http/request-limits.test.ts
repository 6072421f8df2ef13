import { beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import { sampleDocs } from '../../shared/data/sample-docs'
import { MAX_JSON_DEPTH } from '../../shared/security/json-limits'
import { MAX_BODY_BYTES } from '../../shared/sync/protocol'
import { testClient } from '../test-support/client'
import { testBackends, useHarness } from '../test-support/harness'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { rawRequest, type RawAnswer } from '../test-support/raw-http'
import type { ServerProcess } from '../test-support/server-process'

/** A JSON object nested `depth` levels deep, written as text (JSON.stringify would overflow). */
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth)

interface Answer {
  status: number
  headers: RawAnswer['headers']
  body: { error?: { message: string; data: { code: string; httpStatus: number } } } | null
}

async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const answer = await rawRequest(url, init)
  return { status: answer.status, headers: answer.headers, body: answer.json as Answer['body'] }
}

describe.each(testBackends())('hostile requests on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let token: string
  let workspaceId: string

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    call(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...headers,
      },
      body,
    })

  /** A projects push whose timeline is `timeline` (JSON text). */
  const projectPush = (timeline: string) => {
    const doc = {
      ...sampleDocs().projects,
      id: uuidv7(),
      workspaceId,
      timeline: '__TIMELINE__',
    }
    return JSON.stringify({
      collection: 'projects',
      workspaceId,
      rows: [{ newDocumentState: doc }],
    }).replace('"__TIMELINE__"', timeline)
  }

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `limits-${kind}@example.com`,
      password: 'a long enough password',
      displayName: 'Limits',
    })
    token = up.token
    workspaceId = up.personalWorkspaceId
  })

  it('refuses a 5,000-deep timeline with 400 before parsing it (was a 500 from a stack overflow)', async () => {
    const answer = await post('sync.push', projectPush(deepObject(5000)))
    expect(answer.status).toBe(400)
    expect(answer.body?.error?.message).toBe(
      `the request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels of objects and arrays)`,
    )
    // A timeline just inside the limit is stored.
    const ok = await post('sync.push', projectPush(deepObject(MAX_JSON_DEPTH - 8)))
    expect(ok.status).toBe(200)
  })

  it('answers unsupported methods with 405 and Allow, on tRPC and on the other routes', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
      const trpc = await call(`${server.url}/trpc/auth.me`, { method })
      expect(trpc.status, method).toBe(405)
      expect(trpc.headers['allow']).toBe('GET, HEAD, POST, OPTIONS')
      expect(trpc.body?.error?.data.code).toBe('METHOD_NOT_SUPPORTED')
      for (const path of ['/health', '/', '/assets/x.js']) {
        const other = await call(`${server.url}${path}`, { method })
        expect(other.status, `${method} ${path}`).toBe(405)
        expect(other.headers['allow']).toBe('GET, HEAD, OPTIONS')
      }
    }
    const options = await call(`${server.url}/trpc/auth.me`, { method: 'OPTIONS' })
    expect(options.status).toBe(204)
    expect(options.headers['allow']).toBe('GET, HEAD, POST, OPTIONS')
  })

  it('limits the query-string JSON of queries and of the SSE stream', async () => {
    const deepInput = encodeURIComponent('['.repeat(100) + ']'.repeat(100))
    const query = await call(`${server.url}/trpc/sync.pull?input=${deepInput}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(query.status).toBe(400)
    expect(query.body?.error?.message).toMatch(/^the input field is nested too deeply/)
    // The stream reports errors as an SSE event; its connectionParams are checked the same way.
    const stream = await call(
      `${server.url}/trpc/sync.stream?input=${encodeURIComponent(
        JSON.stringify({ workspaceId, collections: ['accounts'] }),
      )}&connectionParams=${encodeURIComponent(`{"token":${'['.repeat(80)}${']'.repeat(80)}}`)}`,
    )
    expect(stream.status).toBe(400)
    expect(stream.body?.error?.message).toMatch(/^the connectionParams field is nested too deeply/)
  })

  it('refuses NUL characters and unpaired surrogates on both backends alike', async () => {
    const product = { ...sampleDocs().products, id: uuidv7(), workspaceId }
    const body = (title: string) =>
      JSON.stringify({
        collection: 'products',
        workspaceId,
        rows: [{ newDocumentState: { ...product, title } }],
      })
    const nul = await post('sync.push', body('a\u0000b'))
    expect(nul.status).toBe(400)
    expect(nul.body?.error?.message).toContain('NUL character')
    const lone = await post('sync.push', body('a\ud800b'))
    expect(lone.status).toBe(400)
    expect(lone.body?.error?.message).toContain('unpaired UTF-16 surrogate')
    const pair = await post('sync.push', body('a \ud83d\ude00 b'))
    expect(pair.status).toBe(200)
  })

  it('refuses oversized bodies with 413, declared or streamed', async () => {
    const big = `"${'x'.repeat(MAX_BODY_BYTES)}"`
    const declared = await post('auth.signIn', big)
    expect(declared.status).toBe(413)
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const piece = new TextEncoder().encode('x'.repeat(1 << 20))
        for (let i = 0; i < 6; i += 1) controller.enqueue(piece)
        controller.close()
      },
    })
    const streamed = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(((await streamed.json()) as Answer['body'])?.error?.message).toBe(
      `the request body is too large (at most ${MAX_BODY_BYTES} bytes)`,
    )
  })

  it('takes JSON bodies only, and says which type to send', async () => {
    for (const type of [
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'text/plain',
    ]) {
      const answer = await post('auth.signIn', '--x\r\n', { 'Content-Type': type })
      expect(answer.status, type).toBe(415)
      expect(answer.body?.error?.message).toBe(`send the request as application/json, not ${type}`)
    }
  })

  it('names the fields of an input that fails its schema in one plain line', async () => {
    const answer = await post('auth.signIn', JSON.stringify({ email: 'nope', extra: 1 }))
    expect(answer.status).toBe(400)
    expect(answer.body?.error?.message).toBe(
      'invalid input: email: Invalid email address; password: Invalid input: expected string, received undefined; input: Unrecognized key: "extra"',
    )
  })

  it('stays healthy afterwards', async () => {
    const health = await call(`${server.url}/health`)
    expect(health.status).toBe(200)
    const me = await testClient(server.url, token).auth.me.query()
    expect(me.user.email).toBe(`limits-${kind}@example.com`)
  })
})
