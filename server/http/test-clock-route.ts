import { timingSafeEqual, createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { ManualClock } from '../jobs/clock'
import { sendJson } from './static-files'

/** The route of the test clock (REELDESK_TEST_CLOCK=1; never in production, see config.ts). */
export const TEST_CLOCK_PATH = '/test/clock'
export const TEST_CLOCK_TOKEN_HEADER = 'x-reeldesk-test-clock-token'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])
const MAX_BODY = 1024
/** A test moves the clock forward by up to a year at a time, never back. */
const advanceSchema = z.union([
  z.strictObject({
    advanceMs: z
      .int()
      .min(0)
      .max(366 * 86_400_000),
  }),
  z.strictObject({ to: z.int().min(0).max(8.64e15) }),
])

const digest = (s: string) => createHash('sha256').update(s).digest()

/**
 * GET → `{ now }`; POST `{ advanceMs }` or `{ to }` → moves the server's clock (sleeping jobs
 * whose time came wake up) and answers `{ now }`. Answers only a caller on this machine that
 * shows the token from the server's environment; anything else is refused before the body is
 * read.
 */
export function createTestClockRoute(clock: ManualClock, token: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
      return sendJson(res, 403, { error: 'The test clock answers only on this machine.' })
    const given = req.headers[TEST_CLOCK_TOKEN_HEADER]
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), digest(token)))
      return sendJson(res, 401, { error: 'The test clock needs its token.' })
    if (req.method === 'GET') return sendJson(res, 200, { now: clock.now() })
    if (req.method !== 'POST')
      return sendJson(res, 405, { error: 'Use GET or POST.' }, { Allow: 'GET, POST' })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY) return sendJson(res, 413, { error: 'The body is too large.' })
      chunks.push(chunk as Buffer)
    }
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return sendJson(res, 400, {
        error: 'The body must be JSON: { "advanceMs": n } or { "to": t }.',
      })
    }
    const parsed = advanceSchema.safeParse(body)
    if (!parsed.success)
      return sendJson(res, 400, { error: 'Send { "advanceMs": n } or { "to": t } (never back).' })
    if ('advanceMs' in parsed.data) clock.advance(parsed.data.advanceMs)
    else clock.advanceTo(parsed.data.to)
    return sendJson(res, 200, { now: clock.now() })
  }
}
