import { TRPCError } from '@trpc/server'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AddressGate } from './address-gate'
import { addressKey } from './client-address'
import {
  clearLimit,
  lockUntil,
  pruneLimits,
  readLimit,
  recordFailure,
  type LimitScope,
} from './signin-store'

/**
 * Sign-in limits that an attacker cannot turn against bystanders.
 *
 * - The ACCOUNT being guessed is locked after ACCOUNT_FREE_FAILURES wrong passwords in a row,
 *   for a time that doubles with every further failure: this is what stops guessing one
 *   victim's password, whatever address the guesses come from. A lock refuses even the right
 *   password (otherwise guessing would go on at full speed and simply learn when it hit).
 * - An ADDRESS that fails is slowed, never refused: after ADDRESS_FREE_FAILURES its failed
 *   attempts are answered after a delay that doubles up to ADDRESS_MAX_DELAY_MS, and at most
 *   ADDRESS_CONCURRENCY attempts from it are checked at once (per server instance), so the delay
 *   cannot be sidestepped by sending in parallel. A right password is answered at once: a
 *   colleague behind the same office router or proxy signs in while someone there sprays guesses
 *   at other accounts (before, 20 failures from one address refused everyone behind it).
 *
 * Counts live in the database (several instances share them); the concurrency gate is in memory.
 */

/**
 * N = 5 wrong passwords before the first lock: people mistyping a password they know rarely miss
 * five times running, and five guesses are worthless against the 10-character minimum. With
 * the doubling below an online guesser gets about 5 + 100 tries a day at one account.
 */
export const ACCOUNT_FREE_FAILURES = 5
export const ACCOUNT_FIRST_LOCK_MS = 60_000
/** Longest lock: long enough to make guessing pointless, short enough that a targeted user waits. */
export const ACCOUNT_MAX_LOCK_MS = 30 * 60_000
/** An account's count restarts after a day without failures (or at a right password). */
export const ACCOUNT_FORGET_AFTER_MS = 24 * 60 * 60_000

/** An office's worth of typos before an address is slowed at all. */
export const ADDRESS_FREE_FAILURES = 10
export const ADDRESS_FIRST_DELAY_MS = 100
/** With 2 attempts at a time this holds one address to about one failure a second. */
export const ADDRESS_MAX_DELAY_MS = 2_000
export const ADDRESS_CONCURRENCY = 2
/** An address's count restarts after 15 quiet minutes; a right password does not reset it. */
export const ADDRESS_FORGET_AFTER_MS = 15 * 60_000

const PRUNE_EVERY_MS = 10 * 60_000

/** Lock length after the `failures`-th failure in a row (0 while below the threshold). */
export function accountLockMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0
  const doublings = Math.min(30, failures - ACCOUNT_FREE_FAILURES)
  return Math.min(ACCOUNT_MAX_LOCK_MS, ACCOUNT_FIRST_LOCK_MS * 2 ** doublings)
}

/** Delay before answering an address's `failures`-th failure (0 while below the threshold). */
export function addressDelayMs(failures: number): number {
  if (failures <= ADDRESS_FREE_FAILURES) return 0
  const doublings = Math.min(30, failures - ADDRESS_FREE_FAILURES - 1)
  return Math.min(ADDRESS_MAX_DELAY_MS, ADDRESS_FIRST_DELAY_MS * 2 ** doublings)
}

/** "45 seconds", "1 minute", "12 minutes": how a person reads a wait. */
export function waitInWords(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000))
    return `${s} second${s === 1 ? '' : 's'}`
  }
  const m = Math.ceil(ms / 60_000)
  return `${m} minute${m === 1 ? '' : 's'}`
}

export interface SignInAttempt {
  /** The normalised email being signed in to (counted whether or not such an account exists). */
  email: string
  /** The client's address (server/auth/client-address.ts), or null when unknown. */
  address: string | null
}

export interface SignInLimiter {
  /**
   * Runs `check` (the password verification) under the limits. `check` returns the signed-in
   * result, or null for a wrong email or password. Throws TOO_MANY_REQUESTS for a locked account
   * (before `check` runs) and UNAUTHORIZED for a failure.
   */
  attempt<T>(db: Kysely<DB>, who: SignInAttempt, check: () => Promise<T | null>): Promise<T>
}

export interface LimiterOptions {
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.())

export function createSignInLimiter(options: LimiterOptions = {}): SignInLimiter {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  const gate = new AddressGate(ADDRESS_CONCURRENCY)
  let prunedAt = 0

  const lockedMessage = (waitMs: number) =>
    `too many failed sign-ins for this account; try again in ${waitInWords(waitMs)}`

  const fail = async (db: Kysely<DB>, scope: LimitScope, subject: string, forget: number) =>
    recordFailure(db, scope, subject, now(), forget)

  return {
    async attempt(db, who, check) {
      const t = now()
      if (t - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = t
        // Housekeeping, off the sign-in's path: old rows are harmless, only untidy.
        void pruneLimits(db, t - ACCOUNT_FORGET_AFTER_MS, t).catch(() => undefined)
      }
      const account = await readLimit(db, 'account', who.email)
      if (account?.lockedUntil && account.lockedUntil > t) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: lockedMessage(account.lockedUntil - t),
        })
      }
      const key = addressKey(who.address)
      return gate.run(key, async () => {
        const result = await check()
        if (result !== null) {
          await clearLimit(db, 'account', who.email)
          return result
        }
        const [accountFailures, addressFailures] = await Promise.all([
          fail(db, 'account', who.email, ACCOUNT_FORGET_AFTER_MS),
          fail(db, 'address', key, ADDRESS_FORGET_AFTER_MS),
        ])
        const lockMs = accountLockMs(accountFailures)
        if (lockMs > 0) await lockUntil(db, 'account', who.email, now() + lockMs)
        // Held inside the gate: parallel attempts from this address queue behind the delay.
        const delay = addressDelayMs(addressFailures)
        if (delay > 0) await sleep(delay)
        throw new TRPCError({
          code: 'UNAUTHORIZED',
          message:
            lockMs > 0
              ? `wrong email or password; after too many failed sign-ins this account is locked for ${waitInWords(lockMs)}`
              : 'wrong email or password',
        })
      })
    },
  }
}
