import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import { testBackends, useHarness } from '../test-support/harness'
import { AddressGate } from './address-gate'
import {
  ACCOUNT_FORGET_AFTER_MS,
  ACCOUNT_FREE_FAILURES,
  ACCOUNT_MAX_LOCK_MS,
  ADDRESS_FORGET_AFTER_MS,
  ADDRESS_FREE_FAILURES,
  ADDRESS_MAX_DELAY_MS,
  accountLockMs,
  addressDelayMs,
  createSignInLimiter,
  waitInWords,
} from './rate-limit'
import { readLimit } from './signin-store'

describe('sign-in limit policy', () => {
  it('locks an account after the free failures, doubling up to the cap', () => {
    expect(accountLockMs(ACCOUNT_FREE_FAILURES - 1)).toBe(0)
    expect(accountLockMs(ACCOUNT_FREE_FAILURES)).toBe(60_000)
    expect(accountLockMs(ACCOUNT_FREE_FAILURES + 1)).toBe(120_000)
    expect(accountLockMs(ACCOUNT_FREE_FAILURES + 3)).toBe(480_000)
    expect(accountLockMs(1_000_000)).toBe(ACCOUNT_MAX_LOCK_MS)
  })

  it('slows an address after its free failures, doubling up to the cap', () => {
    expect(addressDelayMs(ADDRESS_FREE_FAILURES)).toBe(0)
    expect(addressDelayMs(ADDRESS_FREE_FAILURES + 1)).toBe(100)
    expect(addressDelayMs(ADDRESS_FREE_FAILURES + 2)).toBe(200)
    expect(addressDelayMs(1_000_000)).toBe(ADDRESS_MAX_DELAY_MS)
  })

  it('says waits the way a person reads them', () => {
    expect(waitInWords(1)).toBe('1 second')
    expect(waitInWords(44_100)).toBe('45 seconds')
    expect(waitInWords(60_000)).toBe('1 minute')
    expect(waitInWords(61_000)).toBe('2 minutes')
  })
})

describe('AddressGate', () => {
  it('runs at most `limit` tasks per key at once, in arrival order, and forgets idle keys', async () => {
    const gate = new AddressGate(2)
    const started: number[] = []
    const release: (() => void)[] = []
    const task = (n: number) =>
      gate.run('a', async () => {
        started.push(n)
        await new Promise<void>((r) => release.push(r))
        return n
      })
    const runs = [task(1), task(2), task(3), task(4)]
    const other = gate.run('b', () => Promise.resolve('b'))
    await expect(other).resolves.toBe('b')
    await new Promise((r) => setTimeout(r, 10))
    expect(started).toEqual([1, 2])
    expect(gate.load('a')).toBe(4)
    release.shift()?.()
    await new Promise((r) => setTimeout(r, 10))
    expect(started).toEqual([1, 2, 3])
    while (release.length) {
      release.shift()?.()
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4])
    expect(gate.load('a')).toBe(0)
  })

  it('frees the slot when a task throws', async () => {
    const gate = new AddressGate(1)
    await expect(gate.run('a', () => Promise.reject(new Error('no')))).rejects.toThrow('no')
    await expect(gate.run('a', () => Promise.resolve(1))).resolves.toBe(1)
    expect(gate.load('a')).toBe(0)
  })
})

describe.each(testBackends())('sign-in limiter on %s (injected clock)', (kind) => {
  const harness = useHarness(kind)
  let database: Database
  let clock = 1_800_000_000_000
  const slept: number[] = []
  const limiter = () =>
    createSignInLimiter({
      now: () => clock,
      sleep: (ms) => {
        slept.push(ms)
        return Promise.resolve()
      },
    })
  const wrong = () => Promise.resolve(null)
  const right = () => Promise.resolve('signed in')
  const refused = async (promise: Promise<unknown>) => {
    try {
      await promise
    } catch (error) {
      const e = error as { code?: string; message?: string }
      return { code: e.code, message: e.message }
    }
    throw new Error('expected a refusal')
  }

  beforeAll(async () => {
    const store = await harness.newStore()
    database = openDatabase(store)
    await migrateToLatest(database.db, database.dialect)
  })
  afterAll(async () => {
    await database.close()
  })

  it('locks the account with exponential backoff, refusing even the right password while locked', async () => {
    const l = limiter()
    const who = { email: 'victim@example.com', address: '198.51.100.7' }
    for (let i = 1; i < ACCOUNT_FREE_FAILURES; i += 1) {
      expect(await refused(l.attempt(database.db, who, wrong))).toEqual({
        code: 'UNAUTHORIZED',
        message: 'wrong email or password',
      })
    }
    expect((await refused(l.attempt(database.db, who, wrong))).message).toBe(
      'wrong email or password; after too many failed sign-ins this account is locked for 1 minute',
    )
    let checked = false
    const spy = () => {
      checked = true
      return right()
    }
    clock += 30_000
    expect(await refused(l.attempt(database.db, who, spy))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'too many failed sign-ins for this account; try again in 30 seconds',
    })
    expect(checked).toBe(false)
    // The lock ends; one more failure locks for twice as long.
    clock += 30_001
    expect((await refused(l.attempt(database.db, who, wrong))).message).toContain(
      'locked for 2 minutes',
    )
    clock += 2 * 60_000 + 1
    expect(await l.attempt(database.db, who, right)).toBe('signed in')
    // A right password clears the account's count: the next failure is a first one again.
    expect((await refused(l.attempt(database.db, who, wrong))).message).toBe(
      'wrong email or password',
    )
    expect((await readLimit(database.db, 'account', who.email))?.failures).toBe(1)
  })

  it('never refuses a right password because of its address, and slows the failing address', async () => {
    const l = limiter()
    const office = '203.0.113.9'
    slept.length = 0
    // Forty failures from one address, spread over accounts so that none is locked.
    for (let i = 0; i < 40; i += 1) {
      const who = { email: `target${i % 10}@example.com`, address: office }
      await refused(l.attempt(database.db, who, wrong))
    }
    expect(slept.length).toBe(40 - ADDRESS_FREE_FAILURES)
    expect(slept.slice(0, 3)).toEqual([100, 200, 400])
    expect(Math.max(...slept)).toBe(ADDRESS_MAX_DELAY_MS)
    // A colleague behind the same address signs in to their own account at once.
    slept.length = 0
    const colleague = { email: 'colleague@example.com', address: office }
    expect(await l.attempt(database.db, colleague, right)).toBe('signed in')
    expect(slept).toEqual([])
    // Quiet for the forgetting period: the address starts again.
    clock += ADDRESS_FORGET_AFTER_MS + 1
    await refused(l.attempt(database.db, { email: 'x@example.com', address: office }, wrong))
    expect((await readLimit(database.db, 'address', office))?.failures).toBe(1)
  })

  it('counts an IPv6 /64 as one address, and counts concurrent failures exactly', async () => {
    const l = limiter()
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        refused(
          l.attempt(
            database.db,
            { email: `v6-${i}@example.com`, address: `2001:db8:1:2::${i + 1}` },
            wrong,
          ),
        ),
      ),
    )
    expect((await readLimit(database.db, 'address', '2001:db8:1:2::/64'))?.failures).toBe(8)
    await Promise.all(
      Array.from({ length: 6 }, () =>
        refused(l.attempt(database.db, { email: 'same@example.com', address: null }, wrong)),
      ),
    )
    expect((await readLimit(database.db, 'account', 'same@example.com'))?.failures).toBe(6)
  })

  it('shares counts between limiters on one database (several server instances)', async () => {
    const a = limiter()
    const b = limiter()
    const who = { email: 'shared@example.com', address: '192.0.2.44' }
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i += 1) {
      await refused((i % 2 ? a : b).attempt(database.db, who, wrong))
    }
    expect((await refused(a.attempt(database.db, who, right))).code).toBe('TOO_MANY_REQUESTS')
    expect((await refused(b.attempt(database.db, who, right))).code).toBe('TOO_MANY_REQUESTS')
  })

  it('forgets an account quiet for a day, and prunes old rows', async () => {
    const l = limiter()
    const who = { email: 'forgetful@example.com', address: '192.0.2.45' }
    await refused(l.attempt(database.db, who, wrong))
    clock += ACCOUNT_FORGET_AFTER_MS + 1
    await refused(l.attempt(database.db, who, wrong))
    expect((await readLimit(database.db, 'account', who.email))?.failures).toBe(1)
    clock += ACCOUNT_FORGET_AFTER_MS + 1
    // The next attempt (any) prunes rows quiet for a day whose lock has ended.
    await l.attempt(database.db, { email: 'other@example.com', address: null }, right)
    // Pruning runs beside the sign-in, not before its answer: wait for it.
    const deadline = Date.now() + 10_000
    while ((await readLimit(database.db, 'account', who.email)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(await readLimit(database.db, 'account', who.email)).toBeNull()
  })
})
