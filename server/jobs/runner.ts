import type { Kysely } from 'kysely'
import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import type { DB } from '../db/schema'
import { writeTransaction } from '../db/transaction'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite, type WorkspaceWrite } from '../sync/workspace-write'
import { backoffMs } from './backoff'
import type { Clock } from './clock'
import { JobFailed, LeaseLost, PauseJob, RetryLater, retryHintOf } from './errors'
import {
  claimDue,
  completeBatch,
  enqueue,
  enqueueIfAbsent,
  leaseOf,
  markFailed,
  markPaused,
  markRetry,
  markSucceeded,
  nextDueAt,
  releaseLeases,
  renewLease,
  saveCheckpoint,
  type Completion,
  type EnqueueInput,
  type Job,
  type Lease,
  type SharedEffect,
} from './queue'

const log = createLogger('jobs')

export interface FinishOptions {
  /** Mark the job succeeded in the same transaction, with this result. */
  finish: { result?: unknown }
}

/** What a running job may do. Every write checks the lease first, in the same transaction. */
export interface JobContext {
  readonly job: Job
  readonly lease: Lease
  readonly clock: Clock
  /** Aborted when the lease is lost or the server shuts down: stop at the next safe point. */
  readonly signal: AbortSignal
  /**
   * One workspace write (documents get workspace seqs and reach clients live), committed only
   * while this job still holds its lease. With `finish`, the job is marked succeeded in the same
   * transaction: its effects and its completion commit together, so they happen once.
   */
  write<T>(
    workspaceId: string,
    work: (w: WorkspaceWrite) => Promise<T>,
    options?: FinishOptions,
  ): Promise<T>
  /** A lease-checked transaction on tables outside the workspace documents. */
  transaction<T>(work: (trx: Kysely<DB>) => Promise<T>, options?: FinishOptions): Promise<T>
  /**
   * Marks the job succeeded together with `effects` (plain writes outside the workspace documents,
   * e.g. a cursor and a successor job), committed only while the lease holds. Completions of
   * several jobs finishing at the same moment share one transaction (a group commit): one
   * statement marks them all, one commit makes them durable. Throws LeaseLost when the lease is
   * gone (nothing of `effects` is then written).
   */
  finish(options?: {
    result?: unknown
    effects?: (trx: Kysely<DB>) => Promise<void>
    /** Follow-up jobs, added unless one with the same dedupe key is pending. */
    enqueue?: readonly EnqueueInput[]
    /** Writes applied once for the whole batch (queue.ts, sharedEffect). */
    shared?: readonly SharedEffect[]
  }): Promise<void>
  /** Records progress that a retry of this job reads back from `job.checkpoint`. */
  checkpoint(data: unknown): Promise<void>
  /** Adds a follow-up job (in its own statement; use `trx` variants of enqueue inside writes). */
  enqueue(input: EnqueueInput): Promise<Job>
  /** Adds a follow-up job unless one with its dedupe key is pending (one statement, no answer). */
  enqueueIfAbsent(input: EnqueueInput): Promise<void>
}

export interface JobHandler {
  kind: string
  /** Lease length for this kind (long uploads renew theirs by heartbeat anyway). */
  leaseMs?: number
  run(ctx: JobContext): Promise<{ result?: unknown } | void>
}

export interface JobRunnerOptions {
  database: Database
  bus: ChangeBus
  clock: Clock
  handlers: readonly JobHandler[]
  /** This instance's name in leases. */
  owner: string
  /** Jobs run at once by this instance. */
  concurrency?: number
  /**
   * Jobs claimed per statement (default: `concurrency`). Claimed jobs wait in a small buffer
   * until a slot frees, so a busy runner asks the database for work once per batch, not once
   * per finished job.
   */
  claimBatch?: number
  leaseMs?: number
  /** Longest sleep when nothing is due (other instances' new jobs are seen this late). */
  pollMs?: number
  random?: () => number
}

/**
 * Claims due jobs and runs them, `concurrency` at a time. A crashed instance's jobs come back
 * when their lease expires; a frozen one that wakes up finds its lease gone and its writes
 * refused. `start` runs the loop (the server); `drain` runs everything due now and returns
 * (tests driving a ManualClock).
 */
export class JobRunner {
  private readonly handlers: Map<string, JobHandler>
  private readonly concurrency: number
  private readonly claimBatch: number
  private readonly leaseMs: number
  private readonly pollMs: number
  private readonly running = new Map<string, Promise<void>>()
  /** Claimed, not yet started (every slot was busy): started in claim order as slots free. */
  private ready: Job[] = []
  private readonly completions: CompletionBatch
  private stopping = new AbortController()
  private wakeup = new AbortController()
  private slotFreed = new AbortController()
  private loop: Promise<void> | null = null
  /** Jobs this instance started, for tests and the benchmark. */
  started = 0

  constructor(private readonly options: JobRunnerOptions) {
    this.handlers = new Map(options.handlers.map((h) => [h.kind, h]))
    this.concurrency = options.concurrency ?? 4
    this.claimBatch = Math.max(1, options.claimBatch ?? this.concurrency)
    this.leaseMs = options.leaseMs ?? 60_000
    this.pollMs = options.pollMs ?? 1_000
    this.completions = new CompletionBatch(options.database, () => options.clock.now())
  }

  get owner(): string {
    return this.options.owner
  }

  /** Adds a job and wakes the loop so it starts without waiting for the next poll. */
  async enqueue(input: EnqueueInput, db: Kysely<DB> = this.options.database.db): Promise<Job> {
    const { job } = await enqueue(db, input, this.options.clock.now())
    this.wake()
    return job
  }

  wake(): void {
    this.wakeup.abort()
  }

  start(): void {
    if (this.loop) return
    this.stopping = new AbortController()
    this.loop = this.runLoop()
  }

  /** Stops claiming, lets running jobs finish (or see their signal), and waits for them. */
  async stop(): Promise<void> {
    this.stopping.abort()
    this.wake()
    await this.loop
    this.loop = null
    // Claimed but never started: back to the queue at once, for another instance or a restart.
    const unstarted = this.ready.splice(0)
    await releaseLeases(
      this.options.database.db,
      unstarted.map((job) => leaseOf(job)),
      this.options.clock.now(),
    ).catch((error: unknown) =>
      log.warn('could not release claimed jobs', { error: messageOf(error) }),
    )
    await Promise.all([...this.running.values()])
  }

  /** Runs every job due now (and those they make due now) to completion. */
  async drain(): Promise<number> {
    let ran = 0
    for (;;) {
      const jobs = await this.claim(this.concurrency)
      if (jobs.length === 0) {
        if (this.running.size === 0) return ran
        await Promise.race(this.running.values())
        continue
      }
      ran += jobs.length
      for (const job of jobs) this.launch(job)
      await Promise.all([...this.running.values()])
    }
  }

  private async runLoop(): Promise<void> {
    const { clock } = this.options
    while (!this.stopping.signal.aborted) {
      try {
        this.startReady()
        const free = this.concurrency - this.running.size
        // Claim only with a free slot and nothing buffered (a saturated runner hoards nothing),
        // then a whole batch in one statement: the free slots plus a few that start as the
        // next slots free, instead of one claim per finished job.
        if (free > 0 && this.ready.length === 0) {
          const want = Math.max(free, this.claimBatch)
          const jobs = await this.claim(want)
          this.ready.push(...jobs)
          this.startReady()
          if (jobs.length === want) {
            await this.untilSlotFrees()
            continue
          }
        } else {
          // Claimed work is waiting for slots: nothing to ask the database yet.
          await this.untilSlotFrees()
          continue
        }
        if (this.wakeup.signal.aborted) this.wakeup = new AbortController()
        const next = await nextDueAt(this.options.database.db)
        const wait = next === null ? this.pollMs : Math.min(this.pollMs, next - clock.now())
        if (wait <= 0) continue
        // Nothing more is due before `wait`: sleep unless a job is enqueued here meanwhile (or,
        // with claimed jobs still waiting, a slot frees).
        const signals = [this.wakeup.signal, this.stopping.signal]
        if (this.ready.length > 0) signals.push(this.slotFreed.signal)
        await clock.sleep(wait, AbortSignal.any(signals))
      } catch (error) {
        if (this.stopping.signal.aborted) break
        // The database may be briefly unavailable; keep the loop alive.
        log.error('job loop error', { error: messageOf(error) })
        await clock.sleep(this.pollMs, this.stopping.signal)
      }
    }
  }

  private untilSlotFrees(): Promise<void> {
    if (this.running.size < this.concurrency) return Promise.resolve()
    return this.options.clock.sleep(
      this.pollMs,
      AbortSignal.any([this.slotFreed.signal, this.stopping.signal]),
    )
  }

  /**
   * Starts buffered jobs while slots are free. Buffered jobs whose claim grew old (a quarter of
   * the lease spent waiting: the running jobs are slow) go back to the queue at once, for another
   * instance or a later claim, rather than start with a lease about to run out.
   */
  private startReady(): void {
    const now = this.options.clock.now()
    const stale = this.ready.filter((job) => (job.leaseUntil ?? 0) - now < (this.leaseMs * 3) / 4)
    if (stale.length > 0) {
      this.ready = this.ready.filter((job) => !stale.includes(job))
      void releaseLeases(
        this.options.database.db,
        stale.map((job) => leaseOf(job)),
        now,
      ).then(
        () => this.wake(),
        (error: unknown) => log.warn('could not release claimed jobs', { error: messageOf(error) }),
      )
    }
    while (this.running.size < this.concurrency && !this.stopping.signal.aborted) {
      const job = this.ready.shift()
      if (!job) return
      this.launch(job)
    }
  }

  private claim(limit: number): Promise<Job[]> {
    const { database, clock } = this.options
    return claimDue(database.db, database.dialect, {
      owner: this.options.owner,
      now: clock.now(),
      leaseMs: this.leaseMs,
      limit,
    })
  }

  private launch(job: Job): void {
    this.started += 1
    const done = this.execute(job).finally(() => {
      this.running.delete(job.id)
      // The next claimed job takes the slot at once; the loop hears of it to claim more.
      this.startReady()
      this.slotFreed.abort()
      this.slotFreed = new AbortController()
    })
    this.running.set(job.id, done)
  }

  private async execute(job: Job): Promise<void> {
    const { database, clock } = this.options
    const lease = leaseOf(job)
    const handler = this.handlers.get(job.kind)
    const now = () => clock.now()
    if (!handler) {
      await markFailed(database.db, lease, `no handler for job kind ${job.kind}`, now())
      return
    }
    if (job.attempts > job.maxAttempts) {
      // Claimed again after its process died mid-run more often than it may be tried.
      await markFailed(database.db, lease, job.lastError ?? 'stopped too many times', now())
      return
    }
    const leaseMs = handler.leaseMs ?? this.leaseMs
    const lost = new AbortController()
    const signal = AbortSignal.any([lost.signal, this.stopping.signal])
    let finished = false
    const heartbeat = this.heartbeat(lease, leaseMs, lost)

    /**
     * The lease check, made as the last statement of a transaction: renewing (or finishing) is
     * conditional on the lease, so when another instance has taken the job over nothing of this
     * transaction commits. One check at the end is enough — the statements before it are
     * undone with it.
     */
    const fence = async (trx: Kysely<DB>, options?: FinishOptions) => {
      const ok = options
        ? await markSucceeded(trx, lease, options.finish.result, now())
        : await renewLease(trx, lease, now(), leaseMs)
      if (!ok) {
        lost.abort()
        throw new LeaseLost(job.id)
      }
      if (options) finished = true
    }
    const context: JobContext = {
      job,
      lease,
      clock,
      signal,
      write: (workspaceId, work, options) =>
        withWorkspaceWrite(database, this.options.bus, workspaceId, async (w) => {
          const value = await work(w)
          await fence(w.trx, options)
          return value
        }).catch((error: unknown) => {
          if (options) finished = false
          throw error
        }),
      transaction: (work, options) =>
        writeTransaction(database, async (trx) => {
          const value = await work(trx)
          await fence(trx, options)
          return value
        }).catch((error: unknown) => {
          if (options) finished = false
          throw error
        }),
      finish: async (options) => {
        finished = true
        const ok = await this.completions
          .add(
            {
              lease,
              result: options?.result,
              effects: options?.effects,
              enqueue: options?.enqueue,
              shared: options?.shared,
            },
            job.accountId,
          )
          .catch((error: unknown) => {
            finished = false
            throw error
          })
        if (!ok) {
          finished = false
          lost.abort()
          throw new LeaseLost(job.id)
        }
      },
      checkpoint: async (data) => {
        if (!(await saveCheckpoint(database.db, lease, data, now()))) {
          lost.abort()
          throw new LeaseLost(job.id)
        }
      },
      enqueue: (input) => this.enqueue(input),
      enqueueIfAbsent: async (input) => {
        await enqueueIfAbsent(database.db, input, now())
        this.wake()
      },
    }

    try {
      const outcome = await handler.run(context)
      if (
        !finished &&
        !(await this.completions.add({ lease, result: outcome?.result }, job.accountId))
      )
        log.warn('job finished after losing its lease', { id: job.id, kind: job.kind })
    } catch (error) {
      await this.settleFailure(job, lease, error)
    } finally {
      heartbeat.abort()
    }
  }

  private async settleFailure(job: Job, lease: Lease, error: unknown): Promise<void> {
    const { database, clock } = this.options
    const db = database.db
    const now = clock.now()
    const message = messageOf(error)
    if (error instanceof LeaseLost) {
      log.warn('job lost its lease; another instance has it', { id: job.id, kind: job.kind })
      return
    }
    if (error instanceof RetryLater) {
      await markRetry(db, lease, {
        runAt: now + error.delayMs,
        error: message,
        now,
        refundAttempt: true,
      })
      // The loop may be asleep until later than this job's new time (a rate-limit slot): it
      // looks at the queue again.
      this.wake()
      return
    }
    if (error instanceof PauseJob) {
      await markPaused(db, lease, message, now)
      return
    }
    const hint = retryHintOf(error)
    const retryable = !(error instanceof JobFailed) && (hint?.retryable ?? true)
    if (retryable && job.attempts < job.maxAttempts) {
      const delay = Math.max(
        hint?.retryAfterMs ?? 0,
        backoffMs(job.attempts, { random: this.options.random }),
      )
      log.warn('job failed; retrying', { id: job.id, kind: job.kind, error: message, delay })
      await markRetry(db, lease, { runAt: now + delay, error: message, now })
      return
    }
    log.error('job failed', { id: job.id, kind: job.kind, error: message })
    await markFailed(db, lease, message, now)
  }

  /** Renews the lease every third of its length; aborts `lost` when it cannot. */
  private heartbeat(lease: Lease, leaseMs: number, lost: AbortController): AbortController {
    const stop = new AbortController()
    const { database, clock } = this.options
    void (async () => {
      while (!stop.signal.aborted) {
        await clock.sleep(leaseMs / 3, stop.signal)
        if (stop.signal.aborted) return
        const ok = await renewLease(database.db, lease, clock.now(), leaseMs).catch(() => true)
        if (!ok) {
          lost.abort()
          return
        }
      }
    })()
    return stop
  }
}

/** Most completions one transaction commits. */
const COMPLETION_BATCH_MAX = 64

interface PendingCompletion {
  item: Completion
  /** Lock order across concurrent batches (account, then job): effects touch account rows. */
  order: string
  resolve(marked: boolean): void
  reject(error: unknown): void
}

/**
 * Group commit of job completions: completions that arrive while one batch is committing wait
 * and commit together in the next, so a busy runner spends one transaction (one fsync, one
 * fenced UPDATE) on many finished jobs. When a batch fails (one job's effects threw), its jobs
 * are committed one by one so the others still finish and the culprit gets its own error.
 */
class CompletionBatch {
  private pending: PendingCompletion[] = []
  private flushing = false

  constructor(
    private readonly database: Database,
    private readonly now: () => number,
  ) {}

  add(item: Completion, accountId: string | null): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.pending.push({
        item,
        order: `${accountId ?? ''}\u0000${item.lease.jobId}`,
        resolve,
        reject,
      })
      if (!this.flushing) {
        this.flushing = true
        // Completions of the same turn of the event loop join the first batch.
        setImmediate(() => void this.flushAll())
      }
    })
  }

  private async flushAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, COMPLETION_BATCH_MAX)
      batch.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
      await this.flush(batch)
    }
    this.flushing = false
  }

  private async flush(batch: PendingCompletion[]): Promise<void> {
    try {
      const marked = await writeTransaction(this.database, (trx) =>
        completeBatch(
          trx,
          batch.map((p) => p.item),
          this.now(),
        ),
      )
      for (const p of batch) p.resolve(marked.has(p.item.lease.jobId))
    } catch (error) {
      const [only] = batch
      if (batch.length === 1 && only) return only.reject(error)
      for (const p of batch) await this.flush([p])
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
