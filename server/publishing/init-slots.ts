import type { Kysely } from 'kysely'
import type { RateLimit } from '../../shared/platform/tiktok-facts'
import type { Database } from '../db/connect'
import type { DB } from '../db/schema'
import { writeTransaction } from '../db/transaction'
import { toNumber } from '../db/values'

/**
 * The platform's per-token limit on starting uploads (init: 6 a minute), kept by the publish
 * job itself so a post waiting its turn waits in the job queue, due at its slot, instead of
 * holding one of the runner's slots while it sleeps (which stalled every other account's due
 * posts behind one busy account).
 *
 * Slots live in `rate_limit_slots` (shared by every instance). A job first asks for a slot:
 * - a free one now → it is marked in flight and the job starts the upload at once;
 * - otherwise a slot is reserved for it at the earliest time the window allows after every
 *   earlier reservation (an account's posts keep their order), and the job comes back then.
 * A slot counts against the window until its request's answer came back + the window, as in
 * `server/platforms/rate-limiter.ts`; when the job comes back it checks again against what
 * really happened (a request that took longer moves it on), so no window ever holds more than
 * `limit` requests.
 */
export type SlotAnswer = { go: true } | { go: false; at: number }

/** A request in flight is assumed to reach the platform no later than this (as the limiter). */
const IN_FLIGHT_MS = 10 * 60_000

export function initBucket(mode: 'direct' | 'inbox', workspaceId: string, accountId: string) {
  return `publish-init:${mode}:${workspaceId}:${accountId}`
}

export function takeInitSlot(
  database: Database,
  bucket: string,
  limit: RateLimit,
  id: string,
  now: number,
): Promise<SlotAnswer> {
  return writeTransaction(database, async (trx) => {
    await trx
      .insertInto('rate_limit_buckets')
      .values({ bucket, updated_at: now })
      .onConflict((oc) => oc.column('bucket').doNothing())
      .execute()
    const lock = trx.selectFrom('rate_limit_buckets').select('bucket').where('bucket', '=', bucket)
    if (database.dialect === 'postgres') await lock.forUpdate().execute()
    await trx
      .deleteFrom('rate_limit_slots')
      .where('bucket', '=', bucket)
      .where('ends_at', '<=', now - limit.windowMs)
      .execute()
    const rows = await trx
      .selectFrom('rate_limit_slots')
      .select(['id', 'ends_at', 'starts_at'])
      .where('bucket', '=', bucket)
      .execute()
    const slots = rows.map((r) => ({
      id: r.id,
      endsAt: toNumber(r.ends_at),
      startsAt: r.starts_at === null ? null : toNumber(r.starts_at),
    }))
    const mine = slots.find((s) => s.id === id)
    if (mine && mine.startsAt !== null && mine.startsAt > now)
      return { go: false, at: mine.startsAt }
    const others = slots.filter((s) => s.id !== id)
    // Taken slots (a request sent, or in flight) have no start; reservations waiting their turn
    // have one and count for nothing until they are taken.
    const taken = others.filter((s) => s.startsAt === null)
    const reserved = others.filter((s) => s.startsAt !== null)
    // What the platform may count now: every request whose window has not passed.
    const counted = taken.filter((s) => s.endsAt + limit.windowMs > now).length
    // A newcomer queues behind the reservations made before it; a reservation that came due
    // keeps its place.
    if (counted < limit.limit && (mine || reserved.length === 0)) {
      await upsert(trx, bucket, id, null, now + IN_FLIGHT_MS, Boolean(mine))
      return { go: true }
    }
    // The earliest time after the reservations ahead at which fewer than `limit` slots count.
    // Requests in flight are planned as ending now, reservations as taken at their time (both
    // checked again when the time comes). A reservation that came due and still found the window
    // full (its request a moment before took a moment longer to answer) counts only what is
    // ahead of it: the reservations made behind it are not in its way (counting them sent it a
    // whole window back, after every later post of the account).
    const ahead = mine ? reserved.filter((s) => before(s, mine)) : reserved
    const frees = [
      ...taken.map((s) => (s.endsAt > now ? now : s.endsAt) + limit.windowMs),
      ...ahead.map((s) => Math.max(now, s.startsAt ?? now) + limit.windowMs),
    ].sort((a, b) => a - b)
    let at = Math.max(now + 1, ...(mine ? [] : ahead).map((s) => s.startsAt ?? now))
    if (frees.length >= limit.limit) at = Math.max(at, frees[frees.length - limit.limit] ?? at)
    await upsert(trx, bucket, id, at, at, Boolean(mine))
    return { go: false, at }
  })
}

type Slot = { id: string; startsAt: number | null; endsAt: number }

/** `a` was reserved for an earlier turn than `b` (same time: the order ids sort in). */
function before(a: Slot, b: Slot): boolean {
  const at = a.startsAt ?? 0
  const bt = b.startsAt ?? 0
  return at < bt || (at === bt && a.id < b.id)
}

async function upsert(
  trx: Kysely<DB>,
  bucket: string,
  id: string,
  startsAt: number | null,
  endsAt: number,
  exists: boolean,
) {
  if (exists)
    await trx
      .updateTable('rate_limit_slots')
      .set({ starts_at: startsAt, ends_at: endsAt })
      .where('bucket', '=', bucket)
      .where('id', '=', id)
      .execute()
  else
    await trx
      .insertInto('rate_limit_slots')
      .values({ bucket, id, starts_at: startsAt, ends_at: endsAt })
      .execute()
}

/**
 * After the request: `sent` = it may have reached the platform (counts until now + window);
 * otherwise (stopped by a check before anything went out) the slot is given back.
 */
export async function releaseInitSlot(
  db: Kysely<DB>,
  bucket: string,
  id: string,
  sent: boolean,
  now: number,
): Promise<void> {
  if (sent)
    await db
      .updateTable('rate_limit_slots')
      .set({ ends_at: now })
      .where('bucket', '=', bucket)
      .where('id', '=', id)
      .execute()
  else
    await db
      .deleteFrom('rate_limit_slots')
      .where('bucket', '=', bucket)
      .where('id', '=', id)
      .execute()
}
