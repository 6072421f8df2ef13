/**
 * How a job handler tells the runner what happened, besides returning (done) or throwing an
 * ordinary error (retried with backoff until its attempts run out).
 */

/** Come back later without counting a failed attempt (a rate limit, a poll interval). */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason)
    this.name = 'RetryLater'
  }
}

/** Cannot succeed by retrying (bad input, a refusal the platform will repeat): fail now. */
export class JobFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JobFailed'
  }
}

/** Cannot run until a person acts (the account must be reconnected): park the job. */
export class PauseJob extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'PauseJob'
  }
}

/** This process no longer holds the job's lease; its effects were rolled back. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`lost the lease of job ${jobId}`)
    this.name = 'LeaseLost'
  }
}

/** Errors that say "try again later" about themselves (platform rate limits, outages). */
export interface RetryHint {
  retryable: boolean
  retryAfterMs?: number | undefined
}

export function retryHintOf(error: unknown): RetryHint | null {
  if (typeof error !== 'object' || error === null || !('retryable' in error)) return null
  const { retryable, retryAfterMs } = error as { retryable: unknown; retryAfterMs?: unknown }
  if (typeof retryable !== 'boolean') return null
  return { retryable, retryAfterMs: typeof retryAfterMs === 'number' ? retryAfterMs : undefined }
}
