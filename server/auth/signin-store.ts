import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { toNumber } from '../db/values'

/**
 * What the limits table says about one subject: an account or an address signing in, or an
 * address starting sandbox demos (each demo is a new user and a year of data).
 */
export type LimitScope = 'account' | 'address' | 'demo'

export interface LimitState {
  failures: number
  lastFailureAt: number
  lockedUntil: number | null
}

export async function readLimit(
  db: Kysely<DB>,
  scope: LimitScope,
  subject: string,
): Promise<LimitState | null> {
  const row = await db
    .selectFrom('signin_limits')
    .select(['failures', 'last_failure_at', 'locked_until'])
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirst()
  if (!row) return null
  return {
    failures: row.failures,
    lastFailureAt: toNumber(row.last_failure_at),
    lockedUntil: row.locked_until === null ? null : toNumber(row.locked_until),
  }
}

/**
 * Counts one failure and returns the count including it. One statement (an upsert that adds one
 * in the database), so concurrent failures on several instances each get their own count. A
 * subject quiet for `forgetAfterMs` starts again from one.
 */
export async function recordFailure(
  db: Kysely<DB>,
  scope: LimitScope,
  subject: string,
  now: number,
  forgetAfterMs: number,
): Promise<number> {
  const row = await db
    .insertInto('signin_limits')
    .values({ scope, subject, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.columns(['scope', 'subject']).doUpdateSet({
        failures: sql<number>`case when signin_limits.last_failure_at < ${now - forgetAfterMs} then 1 else signin_limits.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  return row.failures
}

/** Extends a lock to `until` (never shortens one a concurrent failure set further out). */
export async function lockUntil(
  db: Kysely<DB>,
  scope: LimitScope,
  subject: string,
  until: number,
): Promise<void> {
  await db
    .updateTable('signin_limits')
    .set({ locked_until: until })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', until)]))
    .execute()
}

export async function clearLimit(
  db: Kysely<DB>,
  scope: LimitScope,
  subject: string,
): Promise<void> {
  await db
    .deleteFrom('signin_limits')
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .execute()
}

/** Drops rows quiet since `before` whose lock (if any) has ended. */
export async function pruneLimits(db: Kysely<DB>, before: number, now: number): Promise<void> {
  await db
    .deleteFrom('signin_limits')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute()
}
