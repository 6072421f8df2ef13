/**
 * The sending side of a bounded queue between workers: a sender may have at most `limit` items
 * the receiver has not acknowledged. take() waits for room; give() is called on each ack.
 */
export class Credits {
  private available: number
  private readonly waiters: (() => void)[] = []
  private failure: Error | null = null

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`credits must be ≥ 1 (got ${limit})`)
    this.available = limit
  }

  async take(): Promise<void> {
    while (this.available === 0) {
      if (this.failure) throw this.failure
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    if (this.failure) throw this.failure
    this.available--
  }

  give(): void {
    this.available = Math.min(this.limit, this.available + 1)
    this.waiters.shift()?.()
  }

  /** Wakes every waiter with `error` (the other side stopped). */
  fail(error: Error): void {
    this.failure = error
    for (const wake of this.waiters.splice(0)) wake()
  }

  /** Items sent and not yet acknowledged. */
  get outstanding(): number {
    return this.limit - this.available
  }
}

/** Messages that arrive on a port, taken one at a time in order. */
export class Inbox<T> {
  private readonly items: T[] = []
  private readonly waiters: ((item: T) => void)[] = []

  push(item: T): void {
    const waiter = this.waiters.shift()
    if (waiter) waiter(item)
    else this.items.push(item)
  }

  next(): Promise<T> {
    const item = this.items.shift()
    if (item !== undefined) return Promise.resolve(item)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  get size(): number {
    return this.items.length
  }
}
