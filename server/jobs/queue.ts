import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Dialect } from '../db/connect'
import type { DB, JobsTable } from '../db/schema'
import { toNumber } from '../db/values'

/**
 * The jobs table's operations. A job is queued (due at `run_at`), running (leased by one server
 * instance until `lease_until`), paused (its account needs reconnecting), or finished:
 * succeeded, failed or cancelled. Every state change of a running job is conditional on the
 * lease it was claimed with (owner + attempt number): a process that lost its lease — killed,
 * frozen, or too slow — can no longer change the job or commit its effects.
 */
export const JOB_STATES = [
  'queued',
  'running',
  'paused',
  'succeeded',
  'failed',
  'cancelled',
] as const
export type JobState = (typeof JOB_STATES)[number]

export interface Job {
  id: string
  kind: string
  dedupeKey: string | null
  workspaceId: string | null
  accountId: string | null
  payload: unknown
  state: JobState
  runAt: number
  attempts: number
  maxAttempts: number
  leaseOwner: string | null
  leaseUntil: number | null
  lastError: string | null
  result: unknown
  checkpoint: unknown
  createdAt: number
  updatedAt: number
  finishedAt: number | null
}

/** The lease a claim hands out: the fencing token every later change of the job must present. */
export interface Lease {
  jobId: string
  owner: string
  attempt: number
}

export interface EnqueueInput {
  kind: string
  payload: unknown
  /** Due time (default: now). */
  runAt?: number
  /**
   * While a job with this key is queued, running or paused, enqueueing again returns that job
   * instead of adding a second one ("sync this account" pressed twice is one sync).
   */
  dedupeKey?: string | null
  workspaceId?: string | null
  /** Jobs of an account pause together when its platform link needs reconnecting. */
  accountId?: string | null
  maxAttempts?: number
}

export const DEFAULT_MAX_ATTEMPTS = 8

function isJobState(value: string): value is JobState {
  return (JOB_STATES as readonly string[]).includes(value)
}

function nullableJson(value: string | null): unknown {
  return value === null ? null : (JSON.parse(value) as unknown)
}

export function jobFromRow(row: Selectable<JobsTable>): Job {
  if (!isJobState(row.state)) throw new Error(`job ${row.id} has an unknown state ${row.state}`)
  return {
    id: row.id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    workspaceId: row.workspace_id,
    accountId: row.account_id,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state,
    runAt: toNumber(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until === null ? null : toNumber(row.lease_until),
    lastError: row.last_error,
    result: nullableJson(row.result),
    checkpoint: nullableJson(row.checkpoint),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
    finishedAt: row.finished_at === null ? null : toNumber(row.finished_at),
  }
}

const ACTIVE: JobState[] = ['queued', 'running', 'paused']

/**
 * Adds a job, or returns the active job with the same dedupe key. Runs on `db`, which may be an
 * open transaction (e.g. a link and its first sync commit together).
 */
export async function enqueue(
  db: Kysely<DB>,
  input: EnqueueInput,
  now: number,
): Promise<{ job: Job; created: boolean }> {
  const inserted = await db
    .insertInto('jobs')
    .values(jobRow(input, now))
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted) return { job: jobFromRow(inserted), created: true }
  const existing = await db
    .selectFrom('jobs')
    .selectAll()
    .where('dedupe_key', '=', input.dedupeKey ?? '')
    .where('state', 'in', ACTIVE)
    .executeTakeFirst()
  // The conflicting job finished between the insert and this read: try once more.
  if (!existing) return enqueue(db, input, now)
  return { job: jobFromRow(existing), created: false }
}

function jobRow(input: EnqueueInput, now: number) {
  return {
    id: randomUUID(),
    kind: input.kind,
    dedupe_key: input.dedupeKey ?? null,
    workspace_id: input.workspaceId ?? null,
    account_id: input.accountId ?? null,
    payload: JSON.stringify(input.payload ?? null),
    state: 'queued',
    run_at: input.runAt ?? now,
    attempts: 0,
    max_attempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    result: null,
    checkpoint: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  }
}

/** Adds a job unless an active one has its dedupe key; one statement, nothing read back. */
export async function enqueueIfAbsent(
  db: Kysely<DB>,
  input: EnqueueInput,
  now: number,
): Promise<void> {
  await db
    .insertInto('jobs')
    .values(jobRow(input, now))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/**
 * Leases up to `limit` due jobs to `owner`: queued ones whose time has come, and running ones
 * whose lease expired (their process died). On PostgreSQL the candidates are locked with
 * FOR UPDATE SKIP LOCKED, so instances claiming at the same moment take different jobs instead
 * of waiting on each other; SQLite serves one instance and its write lock does the same.
 */
export async function claimDue(
  db: Kysely<DB>,
  dialect: Dialect,
  options: { owner: string; now: number; leaseMs: number; limit: number },
): Promise<Job[]> {
  const { owner, now, leaseMs, limit } = options
  if (limit <= 0) return []
  // Two index range scans (jobs_due: state, run_at) that stop after `limit` rows, instead of one
  // OR over both that sorts every due job on each claim (tens of ms with thousands waiting).
  // Expired leases first: those jobs are the oldest. Rows locked by a branch and not taken by
  // the outer limit are released when the statement ends.
  let expired = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'running')
    .where('lease_until', '<=', now)
    .orderBy('state')
    .orderBy('run_at')
    .limit(limit)
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where('state', '=', 'queued')
    .where('run_at', '<=', now)
    .orderBy('state')
    .orderBy('run_at')
    .limit(limit)
  if (dialect === 'postgres') {
    expired = expired.forUpdate().skipLocked()
    due = due.forUpdate().skipLocked()
  }
  const candidates = db
    .selectFrom(
      db
        .selectFrom(expired.as('expired'))
        .select('id')
        .unionAll(db.selectFrom(due.as('due')).select('id'))
        .as('candidates'),
    )
    .select('id')
    .limit(limit)
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      lease_owner: owner,
      lease_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute()
  return rows.map(jobFromRow).sort((a, b) => a.runAt - b.runAt || a.id.localeCompare(b.id))
}

export function leaseOf(job: Job): Lease {
  if (!job.leaseOwner) throw new Error(`job ${job.id} is not leased`)
  return { jobId: job.id, owner: job.leaseOwner, attempt: job.attempts }
}

/** Only the holder of the current lease of a running job may change it. */
function fenced(db: Kysely<DB>, lease: Lease) {
  return db
    .updateTable('jobs')
    .where('id', '=', lease.jobId)
    .where('lease_owner', '=', lease.owner)
    .where('attempts', '=', lease.attempt)
    .where('state', '=', 'running')
}

async function applied(query: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }) {
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Extends the lease; false when it was lost (another instance took the job over). */
export function renewLease(
  db: Kysely<DB>,
  lease: Lease,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  return applied(fenced(db, lease).set({ lease_until: now + leaseMs, updated_at: now }))
}

export function saveCheckpoint(
  db: Kysely<DB>,
  lease: Lease,
  checkpoint: unknown,
  now: number,
): Promise<boolean> {
  return applied(fenced(db, lease).set({ checkpoint: JSON.stringify(checkpoint), updated_at: now }))
}

export function markSucceeded(
  db: Kysely<DB>,
  lease: Lease,
  result: unknown,
  now: number,
): Promise<boolean> {
  return applied(
    fenced(db, lease).set({
      state: 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
      lease_owner: null,
      lease_until: null,
      last_error: null,
      updated_at: now,
      finished_at: now,
    }),
  )
}

export function markFailed(
  db: Kysely<DB>,
  lease: Lease,
  error: string,
  now: number,
): Promise<boolean> {
  return applied(
    fenced(db, lease).set({
      state: 'failed',
      last_error: error,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
      finished_at: now,
    }),
  )
}

/** Back to the queue, due at `runAt` (a retry after a failure, or a wait the job asked for). */
export function markRetry(
  db: Kysely<DB>,
  lease: Lease,
  options: { runAt: number; error: string | null; now: number; refundAttempt?: boolean },
): Promise<boolean> {
  return applied(
    fenced(db, lease).set((eb) => ({
      state: 'queued',
      run_at: options.runAt,
      last_error: options.error,
      lease_owner: null,
      lease_until: null,
      updated_at: options.now,
      // A wait the job asked for (a rate limit) is not a failed attempt.
      ...(options.refundAttempt ? { attempts: eb('attempts', '-', 1) } : {}),
    })),
  )
}

/** Parks a running job until its account is reconnected. */
export function markPaused(
  db: Kysely<DB>,
  lease: Lease,
  reason: string,
  now: number,
): Promise<boolean> {
  return applied(
    fenced(db, lease).set((eb) => ({
      state: 'paused',
      last_error: reason,
      lease_owner: null,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      updated_at: now,
    })),
  )
}

/** Pauses every queued job of an account (its link needs reconnecting). */
export async function pauseAccountJobs(
  db: Kysely<DB>,
  accountId: string,
  reason: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'paused', last_error: reason, updated_at: now })
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Puts an account's paused jobs back in the queue, due now. */
export async function resumeAccountJobs(
  db: Kysely<DB>,
  accountId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'queued', run_at: now, updated_at: now })
    .where('account_id', '=', accountId)
    .where('state', '=', 'paused')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Cancels an account's pending jobs (the account was unlinked or deleted). */
export async function cancelAccountJobs(
  db: Kysely<DB>,
  accountId: string,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', updated_at: now, finished_at: now })
    .where('account_id', '=', accountId)
    .where('state', 'in', ['queued', 'paused'])
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The earliest due time of a queued job or lease expiry, for the runner's sleep (one query). */
export async function nextDueAt(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('jobs')
        .select((e) => e.fn.min('run_at').as('at'))
        .where('state', '=', 'queued')
        .as('queued'),
      eb
        .selectFrom('jobs')
        .select((e) => e.fn.min('lease_until').as('at'))
        .where('state', '=', 'running')
        .as('leased'),
    ])
    .executeTakeFirst()
  const times = [row?.queued, row?.leased]
    .filter((t): t is number | string => t !== null && t !== undefined)
    .map((t) => toNumber(t))
  return times.length ? Math.min(...times) : null
}

/** One job's success as the completion batch commits it (see completeBatch). */
export interface Completion {
  lease: Lease
  result: unknown
  /** Writes that commit with the success, only while the lease holds. */
  effects?: ((trx: Kysely<DB>) => Promise<void>) | undefined
  /** Follow-up jobs added with the success unless one with their dedupe key is pending. */
  enqueue?: readonly EnqueueInput[] | undefined
  /** Writes of a kind several completions make, applied once per batch (see sharedEffect). */
  shared?: readonly SharedEffect[] | undefined
}

/** One value of a shared effect: its group applies the values of a whole batch at once. */
export interface SharedEffect {
  readonly group: SharedEffectGroup
}

interface SharedEffectGroup {
  apply(trx: Kysely<DB>, effects: readonly SharedEffect[]): Promise<void>
}

/**
 * A write many finishing jobs make alike (e.g. each moves its account's event cursor): the
 * completion batch hands every value of the batch, in batch order, to `apply` in one call, so
 * it can be one statement instead of one per job. Returns the maker of the effect's values.
 */
export function sharedEffect<T>(
  apply: (trx: Kysely<DB>, values: readonly T[]) => Promise<void>,
): (value: T) => SharedEffect {
  const values = new WeakMap<SharedEffect, T>()
  const group: SharedEffectGroup = {
    apply: (trx, effects) =>
      apply(
        trx,
        effects.flatMap((e) => {
          const value = values.get(e)
          return value === undefined ? [] : [value]
        }),
      ),
  }
  return (value) => {
    const effect: SharedEffect = { group }
    values.set(effect, value)
    return effect
  }
}

/**
 * Marks several running jobs succeeded in one statement, each only while its own lease holds, and
 * runs the effects of those that did, all in the caller's transaction: a group commit. A job
 * whose lease was lost is left alone and its effects are not run — exactly what markSucceeded
 * does for one job. Returns the ids that were marked.
 */
export async function completeBatch(
  trx: Kysely<DB>,
  items: readonly Completion[],
  now: number,
): Promise<Set<string>> {
  if (items.length === 0) return new Set()
  const resultOf = (item: Completion) =>
    item.result === undefined || item.result === null ? null : JSON.stringify(item.result)
  const withResult = items.filter((i) => resultOf(i) !== null)
  const rows = await trx
    .updateTable('jobs')
    .set({
      state: 'succeeded',
      result: withResult.length
        ? sql<string | null>`case id ${sql.join(
            withResult.map((i) => sql`when ${i.lease.jobId} then ${resultOf(i)}`),
            sql` `,
          )} else null end`
        : null,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      updated_at: now,
      finished_at: now,
    })
    .where('state', '=', 'running')
    .where((eb) =>
      eb.or(
        items.map((i) =>
          eb.and([
            eb('id', '=', i.lease.jobId),
            eb('lease_owner', '=', i.lease.owner),
            eb('attempts', '=', i.lease.attempt),
          ]),
        ),
      ),
    )
    .returning('id')
    .execute()
  const marked = new Set(rows.map((r) => r.id))
  const follow = new Map<string, EnqueueInput>()
  const shared = new Map<SharedEffectGroup, SharedEffect[]>()
  for (const item of items) {
    if (!marked.has(item.lease.jobId)) continue
    await item.effects?.(trx)
    for (const effect of item.shared ?? [])
      shared.set(effect.group, [...(shared.get(effect.group) ?? []), effect])
    // Jobs of one account finishing together schedule the same successor: insert it once.
    for (const input of item.enqueue ?? []) {
      const key = input.dedupeKey ?? `\u0000${follow.size}`
      if (!follow.has(key)) follow.set(key, input)
    }
  }
  for (const [group, effects] of shared) await group.apply(trx, effects)
  // Every successor in one multi-row insert; a pending job with the same key wins.
  if (follow.size > 0)
    await trx
      .insertInto('jobs')
      .values([...follow.values()].map((input) => jobRow(input, now)))
      .onConflict((oc) => oc.doNothing())
      .execute()
  return marked
}

/**
 * Hands claimed jobs that were never started back to the queue (a runner stopping with jobs in
 * its claim buffer): the claim's attempt is refunded, since nothing ran.
 */
export async function releaseLeases(
  db: Kysely<DB>,
  leases: readonly Lease[],
  now: number,
): Promise<void> {
  if (leases.length === 0) return
  await db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'queued',
      lease_owner: null,
      lease_until: null,
      attempts: eb('attempts', '-', 1),
      updated_at: now,
    }))
    .where('state', '=', 'running')
    .where((eb) =>
      eb.or(
        leases.map((l) =>
          eb.and([
            eb('id', '=', l.jobId),
            eb('lease_owner', '=', l.owner),
            eb('attempts', '=', l.attempt),
          ]),
        ),
      ),
    )
    .execute()
}

/** A fresh id for a runner instance: its leases carry it. */
export function newRunnerId(): string {
  return `runner-${randomUUID()}`
}
