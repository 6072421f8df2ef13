import { appendFileSync } from 'node:fs'
import fc from 'fast-check'
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import { sampleDocs } from '../../shared/data/sample-docs'
import { testClient } from '../test-support/client'
import {
  fuzzCases,
  listProcedures,
  type FuzzCase,
  type FuzzContext,
} from '../test-support/fuzz-requests'
import { testBackends, useHarness } from '../test-support/harness'
import { rawRequest, type RawAnswer } from '../test-support/raw-http'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Property-based fuzzing of a real server process: every tRPC procedure (listed from the router
 * itself, so new ones are included) and every HTTP route, with wrong types, huge strings, deep
 * nesting, prototype keys, batch calls, malformed JSON, wrong methods and content types, signed
 * in and not. No answer may be a 5xx, and afterwards the server must still be healthy: a normal
 * sign-in, push and pull work. At least 1,000 cases over the backends.
 * FUZZ_TRACE=<file> appends each request to that file before it is sent (to find one that hangs).
 */
const backends = testBackends()
const CASES = Math.ceil(1_000 / backends.length)
const PASSWORD = 'a long enough password'
const counts: Record<string, number> = {}
/** Answers by status, over all backends: shows the fuzz reaches past the first refusals. */
const statuses: Record<string, number> = {}

afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  process.stdout.write(
    `fuzz: ${total} hostile requests (${Object.entries(counts)
      .map(([k, n]) => `${n} on ${k}`)
      .join(', ')}), none answered with a 5xx; statuses ${JSON.stringify(statuses)}\n`,
  )
})

describe.each(backends)('fuzzing every procedure and route on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let token = ''
  let ctx: FuzzContext
  const fuzzEmail = `fuzz-${kind}@example.com`

  /** Signs the fuzz user in again (a fuzzed signOut ends the session the cases use). */
  const refreshToken = async () => {
    const answer = await rawRequest(`${server.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '192.0.2.1' },
      body: JSON.stringify({ email: fuzzEmail, password: PASSWORD }),
    })
    const body = answer.json as { result?: { data: { token: string } } }
    if (!body.result) throw new Error(`could not sign the fuzz user in again: ${answer.text}`)
    token = body.result.data.token
  }

  beforeAll(async () => {
    // Behind a "proxy" on loopback, so the generated X-Forwarded-For addresses spread sign-in
    // failures over many addresses (and the header itself gets fuzzed).
    server = await harness.start(await harness.newStore(), {
      env: { TRUST_PROXY: '127.0.0.1,::1' },
    })
    const up = await testClient(server.url).auth.signUp.mutate({
      email: fuzzEmail,
      password: PASSWORD,
      displayName: 'Fuzz',
    })
    token = up.token
    const api = testClient(server.url, () => token)
    const agency = (await api.workspaces.create.mutate({ name: 'Fuzzed agency' })).workspaceId
    const docIds: string[] = []
    const samples = sampleDocs()
    const account = { ...samples.accounts, id: uuidv7(), workspaceId: agency }
    account.accountId = account.id
    await api.sync.push.mutate({
      collection: 'accounts',
      workspaceId: agency,
      rows: [{ newDocumentState: account }],
    })
    docIds.push(account.id)
    ctx = { workspaceIds: [up.personalWorkspaceId, agency], userIds: [up.user.id], docIds }
  })

  it(`answers ${CASES} hostile requests without a 5xx`, async () => {
    const procedures = listProcedures()
    expect(procedures.map((p) => p.path)).toEqual(
      expect.arrayContaining(['auth.signIn', 'sync.push', 'sync.pull', 'sync.stream']),
    )
    let sent = 0
    const send = async (c: FuzzCase) => {
      const headers = { ...c.request.headers }
      const credential =
        c.auth === 'valid'
          ? token
          : c.auth === 'garbage'
            ? 'not-a-token'
            : c.auth === 'huge'
              ? 'x'.repeat(8_000)
              : null
      let path = c.request.path
      // Like the app, declare the sync protocol, so sync procedures are fuzzed past that check.
      headers[PROTOCOL_HEADER] = String(PROTOCOL_VERSION)
      if (credential !== null) {
        if (c.authIn === 'header') headers['Authorization'] = `Bearer ${credential}`
        else {
          const params = encodeURIComponent(
            JSON.stringify({ token: credential, protocol: String(PROTOCOL_VERSION) }),
          )
          path += `${path.includes('?') ? '&' : '?'}connectionParams=${params}`
        }
      }
      if (c.forwardedFor !== null) {
        headers['X-Forwarded-For'] = c.forwardedFor.replace(/[^\x20-\x7e]/g, '')
      }
      let answer: RawAnswer
      if (process.env.FUZZ_TRACE)
        appendFileSync(
          process.env.FUZZ_TRACE,
          `${kind} ${c.request.method} ${path.slice(0, 300)} stream=${c.request.stream} auth=${c.auth}/${c.authIn}\n`,
        )
      try {
        answer = await rawRequest(`${server.url}${path}`, {
          method: c.request.method,
          headers,
          body: c.request.body,
          ...(c.request.stream ? { readForMs: 300 } : {}),
        })
      } catch (error) {
        // Node's HTTP server cuts some requests off at the connection (a head over 16 KiB gets
        // 431 and a close while the client is still writing): fine, if the server lives on.
        const code = (error as { code?: string }).code
        if (code !== 'ECONNRESET' && code !== 'EPIPE') throw error
        expect(server.child.exitCode, `${c.request.label}: the server died`).toBeNull()
        expect((await rawRequest(`${server.url}/health`)).status).toBe(200)
        sent += 1
        statuses['reset'] = (statuses['reset'] ?? 0) + 1
        return
      }
      sent += 1
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1
      const problem = `${c.request.label} → ${answer.status} ${answer.text.slice(0, 300)}`
      expect(answer.status, problem).toBeGreaterThan(0)
      expect(answer.status, problem).toBeLessThan(500)
      // Streams report errors inside a 200 response: none may be an internal one.
      expect(answer.text, problem).not.toContain('INTERNAL_SERVER_ERROR')
      if (c.request.label.endsWith('auth.signOut') && answer.status === 200) await refreshToken()
    }
    const details = await fc.check(fc.asyncProperty(fuzzCases(procedures, ctx), send), {
      numRuns: CASES,
      // No shrinking: it would re-send requests against a server the failure may have changed.
      endOnFailure: true,
    })
    if (details.failed) {
      const example = JSON.stringify(details.counterexample, (_k, v: unknown) =>
        typeof v === 'string' && v.length > 300 ? `${v.slice(0, 300)}…(${v.length} chars)` : v,
      )
      throw new Error(
        `fuzz case failed (seed ${details.seed}): ${String(details.errorInstance).slice(0, 2000)}\n` +
          `request: ${example.slice(0, 3000)}\nserver log:\n${server.output().slice(-3000)}`,
      )
    }
    counts[kind] = sent
    expect(sent).toBeGreaterThanOrEqual(CASES)
    expect(server.child.exitCode).toBeNull()
  }, 600_000)

  it('is alive and healthy afterwards: health, a normal sign-in, a push and a pull', async () => {
    // On a new connection: after 500 hostile requests a kept-alive socket may be closing.
    const health = await rawRequest(`${server.url}/health`, { newConnection: true })
    expect(health.status).toBe(200)
    // A user the fuzz never targeted, from an address it never used.
    const anon = testClient(server.url)
    await anon.auth.signUp.mutate({
      email: `after-${kind}@example.com`,
      password: PASSWORD,
      displayName: 'After',
    })
    const signedIn = await anon.auth.signIn.mutate({
      email: `after-${kind}@example.com`,
      password: PASSWORD,
    })
    const api = testClient(server.url, signedIn.token)
    const [workspace] = await api.workspaces.list.query()
    const workspaceId = workspace?.id ?? ''
    const product = { ...sampleDocs().products, id: uuidv7(), workspaceId }
    expect(
      await api.sync.push.mutate({
        collection: 'products',
        workspaceId,
        rows: [{ newDocumentState: product }],
      }),
    ).toMatchObject({ conflicts: [], refused: [] })
    const pulled = await api.sync.pull.query({
      collection: 'products',
      workspaceId,
      checkpoint: null,
      limit: 10,
    })
    expect(pulled.documents.map((d) => d['id'])).toEqual([product.id])
  })
})
