import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import type { RateLimit } from '../../shared/platform/tiktok-facts'
import { testBackends } from '../test-support/harness'
import {
  openTestDatabase,
  stopLocalCluster,
  type TestDatabase,
} from '../test-support/test-database'
import { releaseInitSlot, takeInitSlot } from './init-slots'

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0)
const LIMIT: RateLimit = { limit: 2, windowMs: 60_000, source: 'test', confidence: 'official' }

afterAll(() => stopLocalCluster())

describe.each(testBackends())('init slots on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(() => t.close())

  const take = (bucket: string, id: string, now: number) =>
    takeInitSlot(t.database, bucket, LIMIT, id, now)
  /** Takes a slot that must be free now, and answers the request `answerMs` later. */
  const send = async (bucket: string, id: string, now: number, answerMs = 0) => {
    expect(await take(bucket, id, now)).toEqual({ go: true })
    await releaseInitSlot(t.database.db, bucket, id, true, now + answerMs)
  }

  it('lets `limit` requests go at once and reserves the next one a window after the first', async () => {
    const bucket = `b-${uuidv7()}`
    await send(bucket, 'a', T0)
    await send(bucket, 'b', T0 + 1_000)
    expect(await take(bucket, 'c', T0 + 2_000)).toEqual({ go: false, at: T0 + 60_000 })
    expect(await take(bucket, 'd', T0 + 3_000)).toEqual({ go: false, at: T0 + 61_000 })
    // Back early: it keeps waiting for its own time.
    expect(await take(bucket, 'c', T0 + 59_000)).toEqual({ go: false, at: T0 + 60_000 })
    expect(await take(bucket, 'c', T0 + 60_000)).toEqual({ go: true })
  })

  it('moves a reservation that found the window still full on by what is ahead of it only, not behind every later reservation', async () => {
    const bucket = `b-${uuidv7()}`
    await send(bucket, 'a', T0)
    await send(bucket, 'b', T0 + 1_000)
    // c and d wait a window; e and f a second window after them (planned at c/d + 60 s).
    expect(await take(bucket, 'c', T0 + 2_000)).toEqual({ go: false, at: T0 + 60_000 })
    expect(await take(bucket, 'd', T0 + 3_000)).toEqual({ go: false, at: T0 + 61_000 })
    expect(await take(bucket, 'e', T0 + 4_000)).toEqual({ go: false, at: T0 + 120_000 })
    expect(await take(bucket, 'f', T0 + 5_000)).toEqual({ go: false, at: T0 + 121_000 })
    // c's request went out on time but its answer came 300 ms later: the platform counts it
    // until 120.3 s, so e, due at 120 s, finds the window full.
    await send(bucket, 'c', T0 + 60_000, 300)
    await send(bucket, 'd', T0 + 61_000)
    const e = await take(bucket, 'e', T0 + 120_000)
    // It goes as soon as c's window passed: f's reservation is behind it and not in its way
    // (counted, it pushed e on to d's window, and with a longer queue a whole window on).
    expect(e).toEqual({ go: false, at: T0 + 120_300 })
    expect(await take(bucket, 'e', T0 + 120_300)).toEqual({ go: true })
  })

  it('never lets more than `limit` requests into one window', async () => {
    const bucket = `b-${uuidv7()}`
    const sentAt: number[] = []
    // Eight posts a second apart, each retried when its reservation comes due; answers take 250 ms.
    const due = new Map<string, number>()
    for (let i = 0; i < 8; i += 1) due.set(`p${i}`, T0 + i * 1_000)
    for (let guard = 0; due.size > 0 && guard < 100; guard += 1) {
      const [id, at] = [...due].sort((x, y) => x[1] - y[1])[0]!
      const answer = await take(bucket, id, at)
      if (answer.go) {
        await releaseInitSlot(t.database.db, bucket, id, true, at + 250)
        sentAt.push(at)
        due.delete(id)
      } else {
        expect(answer.at).toBeGreaterThan(at)
        due.set(id, answer.at)
      }
    }
    expect(sentAt).toHaveLength(8)
    // Counted from each answer (sent + 250 ms), as the slots are: at most 2 in any window.
    for (const start of sentAt) {
      const inWindow = sentAt.filter((s) => s + 250 > start - 60_000 && s <= start)
      expect(inWindow.length).toBeLessThanOrEqual(LIMIT.limit)
    }
    // And no later than needed: pairs go a window (+ the answer's 250 ms) apart.
    expect(sentAt[2]! - sentAt[0]!).toBeLessThanOrEqual(60_250 + 1)
    expect(sentAt[7]! - T0).toBeLessThanOrEqual(3 * 60_250 + 1_000 + 1)
  })
})
