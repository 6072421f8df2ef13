import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TIKTOK_RATE_LIMITS, type TikTokRateLimitName } from '../../shared/platform/tiktok-facts'
import { ManualClock } from '../jobs/clock'
import { openTestDatabase, type TestDatabase } from '../test-support/test-database'
import { TikTokStandIn } from '../test-support/tiktok-stand-in'
import type { LinkCredentials, PlatformConnector } from './connector'
import { newCodeVerifier, newState } from './pkce'
import { createRateLimiter } from './rate-limiter'
import { createTikTokConnector } from './tiktok/connector'
import type { FetchLike } from './tiktok/http'

const KEY = 'hour-client'
const SECRET = 'hour-client-secret-0123456789'
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0)
const HOUR = 3_600_000

let db: TestDatabase
let clock: ManualClock
let standIn: TikTokStandIn
let inFlight = 0

/** fetch that counts exchanges until their body is read: the driver advances time only when idle. */
const countingFetch: FetchLike = async (url, init) => {
  inFlight += 1
  try {
    const response = await fetch(url, init)
    const body = await response.arrayBuffer()
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      headers: response.headers,
    })
  } finally {
    inFlight -= 1
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Drives concurrent actors on a ManualClock: whenever nothing is running (no request in flight,
 * every actor asleep on the clock), time jumps to the next wake-up.
 */
async function simulate(actors: Promise<void>[]): Promise<void> {
  let finished = false
  let failure: unknown = null
  void Promise.all(actors).then(
    () => (finished = true),
    (error: unknown) => {
      failure = error
      finished = true
    },
  )
  while (!finished) {
    for (let quiet = 0; quiet < 4;) {
      await tick()
      if (inFlight > 0) {
        quiet = 0
        await new Promise((r) => setTimeout(r, 1))
      } else quiet += 1
    }
    const next = clock.nextWakeAt()
    if (next !== null) clock.advanceTo(next)
  }
  if (failure) throw failure
}

function connector(): PlatformConnector {
  // Each "server instance" has its own limiter object; they share the database, like two
  // instances sharing PostgreSQL.
  return createTikTokConnector({
    clientKey: KEY,
    clientSecret: SECRET,
    apiBaseUrl: standIn.url,
    authBaseUrl: standIn.url,
    clock,
    limiter: createRateLimiter(db.database, clock),
    fetch: countingFetch,
  })
}

/** The most requests of one group any 60-second window of the platform's log holds. */
function busiestMinute(group: TikTokRateLimitName): number {
  const times = standIn.log.filter((r) => r.group === group).map((r) => r.at)
  let most = 0
  for (const end of times) {
    const inWindow = times.filter((t) => t > end - TIKTOK_RATE_LIMITS[group].windowMs && t <= end)
    most = Math.max(most, inWindow.length)
  }
  return most
}

beforeAll(async () => {
  db = await openTestDatabase('sqlite')
  clock = new ManualClock(T0)
  standIn = new TikTokStandIn({ clock, clientKey: KEY, clientSecret: SECRET })
  await standIn.start()
})

afterAll(async () => {
  await standIn.stop()
  await db.close()
})

describe('per-token rate limits over a simulated hour', () => {
  // About 3,400 real HTTP requests through two limiters: well over the default test timeout.
  it(
    'are never exceeded by two instances hammering one account: they queue',
    { timeout: 180_000 },
    async () => {
      const a = connector()
      const b = connector()
      const state = newState()
      const codeVerifier = newCodeVerifier()
      const redirectUri = 'http://127.0.0.1:4000/callback'
      const approved = await fetch(
        a.authorizeUrl({ state, codeVerifier, redirectUri, client: 'desktop' }),
        {
          redirect: 'manual',
        },
      )
      const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? ''
      const tokens = await a.exchangeCode({ code, codeVerifier, redirectUri })
      const link: LinkCredentials = tokens
      const plan = { videoSize: 1000, chunkSize: 1000, totalChunkCount: 1 }
      const post = {
        title: 'hour',
        privacyLevel: 'SELF_ONLY',
        disableComment: false,
        disableDuet: false,
        disableStitch: false,
        videoCoverTimestampMs: 0,
        brandContentToggle: false,
        brandOrganicToggle: false,
      }
      const { publishId } = await a.initPublish(link, {
        mode: 'direct',
        plan,
        post,
        durationSec: 5,
      })
      const end = T0 + HOUR
      const loop = (call: () => Promise<unknown>) =>
        (async () => {
          while (clock.now() < end) await call()
        })()
      // Each loop alone would call as fast as it is let: every group is over its limit.
      const actors = [a, b].flatMap((c) => [
        loop(() => c.creatorInfo(link)),
        loop(() => c.initPublish(link, { mode: 'direct', plan, post, durationSec: 5 })),
        loop(() => c.publishStatus(link, publishId)),
      ])
      await simulate(actors)

      expect(standIn.log.filter((r) => r.status === 429)).toEqual([])
      for (const group of ['creatorInfo', 'directPostInit', 'publishStatus'] as const) {
        const { limit } = TIKTOK_RATE_LIMITS[group]
        expect(busiestMinute(group), group).toBeLessThanOrEqual(limit)
        // Queued, not starved: close to the limit all hour long.
        const total = standIn.log.filter((r) => r.group === group && r.status === 200).length
        expect(total, group).toBeGreaterThanOrEqual(limit * 60 * 0.9)
      }
    },
  )
})
