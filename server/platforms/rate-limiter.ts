import { randomUUID } from 'node:crypto'
import type { RateLimit } from '../../shared/platform/tiktok-facts'
import type { Database } from '../db/connect'
import { writeTransaction } from '../db/transaction'
import { toNumber } from '../db/values'
import type { Clock } from '../jobs/clock'

/**
 * Keeps requests under a platform's per-token limits by waiting, never by failing. Slots live in
 * the database, so every server instance sharing it counts the same requests.
 *
 * A slot covers the whole time its request may have reached the platform: from before it is sent
 * (marked in flight) until its answer came back (`ends_at`). It counts against the window until
 * `ends_at + window`, so however late the platform saw the request, no window the platform
 * measures ever holds more than `limit` of ours.
 */
export interface RateLimiter {
  run<T>(bucket: string, limit: RateLimit, request: () => Promise<T>): Promise<T>
}

/** A request still in flight is assumed to reach the platform no later than this. */
const IN_FLIGHT_MS = 10 * 60_000

export function createRateLimiter(database: Database, clock: Clock): RateLimiter {
  const take = (bucket: string, limit: RateLimit): Promise<string | number> =>
    writeTransaction(database, async (trx) => {
      const now = clock.now()
      await trx
        .insertInto('rate_limit_buckets')
        .values({ bucket, updated_at: now })
        .onConflict((oc) => oc.column('bucket').doNothing())
        .execute()
      // Instances take turns per bucket (SQLite's BEGIN IMMEDIATE already serialises them).
      const lock = trx
        .selectFrom('rate_limit_buckets')
        .select('bucket')
        .where('bucket', '=', bucket)
      if (database.dialect === 'postgres') await lock.forUpdate().execute()
      const since = now - limit.windowMs
      await trx
        .deleteFrom('rate_limit_slots')
        .where('bucket', '=', bucket)
        .where('ends_at', '<=', since)
        .execute()
      const live = await trx
        .selectFrom('rate_limit_slots')
        .select('ends_at')
        .where('bucket', '=', bucket)
        .orderBy('ends_at')
        .execute()
      if (live.length < limit.limit) {
        const id = randomUUID()
        await trx
          .insertInto('rate_limit_slots')
          .values({ bucket, id, ends_at: now + IN_FLIGHT_MS })
          .execute()
        return id
      }
      // Full: wait until the slot that ends first leaves the window.
      const first = toNumber(live[0]?.ends_at ?? now)
      const wait = first + limit.windowMs - now
      // In flight: its end is unknown; look again soon.
      return first > now ? Math.min(wait, 1_000) : Math.max(1, wait)
    })

  const release = async (bucket: string, id: string) => {
    await database.db
      .updateTable('rate_limit_slots')
      .set({ ends_at: clock.now() })
      .where('bucket', '=', bucket)
      .where('id', '=', id)
      .execute()
  }

  return {
    async run(bucket, limit, request) {
      for (;;) {
        const slot = await take(bucket, limit)
        if (typeof slot === 'number') {
          await clock.sleep(slot)
          continue
        }
        try {
          return await request()
        } finally {
          await release(bucket, slot)
        }
      }
    },
  }
}
