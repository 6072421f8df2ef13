/**
 * Sliding-window counter of failed sign-ins, kept in memory: enough for one server process.
 * (Several PostgreSQL-backed instances would each count separately: a shared table would be
 * needed to make the limit global.)
 */
export class FailureWindow {
  private readonly hits = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const list = (this.hits.get(key) ?? []).filter((t) => t > since)
    if (list.length) this.hits.set(key, list)
    else this.hits.delete(key)
    return list
  }

  isBlocked(key: string): boolean {
    return this.recent(key).length >= this.limit
  }

  /** Milliseconds until the oldest counted failure leaves the window. */
  retryAfterMs(key: string): number {
    const oldest = this.recent(key)[0]
    return oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - this.now())
  }

  fail(key: string): void {
    this.hits.set(key, [...this.recent(key), this.now()])
  }

  clear(key: string): void {
    this.hits.delete(key)
  }
}

export interface SignInLimiter {
  byEmail: FailureWindow
  byIp: FailureWindow
}

export function createSignInLimiter(): SignInLimiter {
  const window = 15 * 60_000
  return {
    // Five wrong passwords for one account per 15 minutes: slows guessing one victim.
    byEmail: new FailureWindow(5, window),
    // Twenty failures from one address per 15 minutes: slows spraying many accounts.
    byIp: new FailureWindow(20, window),
  }
}
