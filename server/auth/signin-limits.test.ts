import { beforeAll, describe, expect, it } from 'vitest'
import { testClient } from '../test-support/client'
import { execOnStore } from '../test-support/direct-db'
import { testBackends, useHarness, type BackendStore } from '../test-support/harness'
import { rawRequest } from '../test-support/raw-http'
import type { ServerProcess } from '../test-support/server-process'
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_CONCURRENCY,
  ADDRESS_MAX_DELAY_MS,
  addressDelayMs,
} from './rate-limit'

const PASSWORD = 'correct horse battery staple'

interface SignInAnswer {
  status: number
  token?: string
  code?: string
  message?: string
}

/** Signs in over plain HTTP, optionally as if behind a proxy that sent `forwardedFor`. */
async function signIn(
  server: ServerProcess,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<SignInAnswer> {
  const answer = await rawRequest(`${server.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor }),
    },
    body: JSON.stringify({ email, password }),
  })
  const body = answer.json as {
    result?: { data: { token: string } }
    error?: { message: string; data: { code: string } }
  }
  return {
    status: answer.status,
    token: body.result?.data.token,
    code: body.error?.data.code,
    message: body.error?.message,
  }
}

async function signUp(server: ServerProcess, email: string): Promise<void> {
  await testClient(server.url).auth.signUp.mutate({ email, password: PASSWORD, displayName: email })
}

describe.each(testBackends())('sign-in limits through a real server on %s', (kind) => {
  const harness = useHarness(kind)
  let store: BackendStore
  /** Behind a proxy on loopback: X-Forwarded-For from 127.0.0.1 is believed. */
  let proxied: ServerProcess

  beforeAll(async () => {
    store = await harness.newStore()
    proxied = await harness.start(store, { env: { TRUST_PROXY: '127.0.0.1,::1' } })
  })

  it('after 20 failures from one address, another account behind it still signs in (was refused for 15 minutes)', async () => {
    const office = '203.0.113.10'
    await signUp(proxied, 'colleague@example.com')
    // The old limit refused everyone behind an address after 20 failures from it.
    const failures = 20
    const started = performance.now()
    // Guesses sprayed over many accounts (none reaches its own lock), all sent at once.
    const answers = await Promise.all(
      Array.from({ length: failures }, (_, n) =>
        signIn(proxied, `sprayed${n}@example.com`, 'guess 123', office),
      ),
    )
    for (const a of answers) expect(a).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    // Slowed, not refused: sending in parallel did not skip the delays, which the server held
    // with at most ADDRESS_CONCURRENCY attempts of this address in flight.
    let delays = 0
    for (let n = 1; n <= failures; n += 1) delays += addressDelayMs(n)
    expect(delays).toBeGreaterThan(0)
    expect(performance.now() - started).toBeGreaterThanOrEqual(delays / ADDRESS_CONCURRENCY)
    // The right password of another account, from the same address, signs in at once.
    const t = performance.now()
    const colleague = await signIn(proxied, 'colleague@example.com', PASSWORD, office)
    expect(colleague.status).toBe(200)
    expect(colleague.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(performance.now() - t).toBeLessThan(ADDRESS_MAX_DELAY_MS)
  }, 60_000)

  it('locks the targeted account with backoff, says when to try again, and spares other accounts', async () => {
    await signUp(proxied, 'target@example.com')
    await signUp(proxied, 'bystander@example.com')
    const attacker = '198.51.100.66'
    for (let i = 1; i < ACCOUNT_FREE_FAILURES; i += 1) {
      expect(await signIn(proxied, 'target@example.com', `wrong ${i}`, attacker)).toMatchObject({
        status: 401,
        message: 'wrong email or password',
      })
    }
    expect(await signIn(proxied, 'target@example.com', 'wrong 5', attacker)).toMatchObject({
      status: 401,
      message:
        'wrong email or password; after too many failed sign-ins this account is locked for 1 minute',
    })
    // Locked for everyone, the right password included, from any address.
    const locked = await signIn(proxied, 'target@example.com', PASSWORD, '192.0.2.200')
    expect(locked).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' })
    expect(locked.message).toMatch(
      /^too many failed sign-ins for this account; try again in (\d+ seconds|1 minute)$/,
    )
    // Another account from the attacker's own address is not affected.
    expect((await signIn(proxied, 'bystander@example.com', PASSWORD, attacker)).status).toBe(200)

    // The lock runs out (moved into the past in the database, as time would): one more failure
    // locks again, for twice as long.
    const expire = () =>
      execOnStore(
        store,
        "update signin_limits set locked_until = 1 where scope = 'account' and subject = ?",
        "update signin_limits set locked_until = 1 where scope = 'account' and subject = $1",
        ['target@example.com'],
      )
    await expire()
    expect((await signIn(proxied, 'target@example.com', 'wrong 6', attacker)).message).toContain(
      'locked for 2 minutes',
    )
    await expire()
    expect((await signIn(proxied, 'target@example.com', PASSWORD, attacker)).status).toBe(200)
  })

  it('takes the client address from X-Forwarded-For only when TRUST_PROXY names the proxy', async () => {
    await signUp(proxied, 'where@example.com')
    // The client wrote 1.1.1.1 itself; the proxy appended the address it saw.
    const behind = await signIn(proxied, 'where@example.com', PASSWORD, '1.1.1.1, 203.0.113.77')
    const sessions = await testClient(proxied.url, behind.token).auth.sessions.query()
    expect(sessions.find((s) => s.current)?.ip).toBe('203.0.113.77')

    // A server that trusts no proxy ignores the header: every failure counts for 127.0.0.1.
    const direct = await harness.start(await harness.newStore())
    await signUp(direct, 'direct@example.com')
    const signedIn = await signIn(direct, 'direct@example.com', PASSWORD, '203.0.113.77')
    const own = await testClient(direct.url, signedIn.token).auth.sessions.query()
    expect(own.find((s) => s.current)?.ip).toBe('127.0.0.1')
  })

  it('refuses to start with a TRUST_PROXY it cannot read, naming the entry', async () => {
    await expect(
      harness.start(await harness.newStore(), { env: { TRUST_PROXY: '127.0.0.1,proxy.local' } }),
    ).rejects.toThrow('TRUST_PROXY: \\"proxy.local\\" is not an IP address or CIDR range')
  })
})
