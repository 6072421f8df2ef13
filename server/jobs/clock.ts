/**
 * Time as the job system and connectors see it. Production uses the system clock; tests inject a
 * ManualClock and move it forward, so a simulated week of jobs, token refreshes and rate-limit
 * windows runs in seconds.
 */
export interface Clock {
  now(): number
  /** Resolves after `ms` of this clock's time, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, Math.max(0, ms))
      function done() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    }),
}

interface Sleeper {
  at: number
  order: number
  resolve(): void
}

/** A clock that moves only when told to; sleepers wake in time order as it passes them. */
export class ManualClock implements Clock {
  private current: number
  private sleepers: Sleeper[] = []
  private order = 0

  constructor(start: number) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve()
    if (ms <= 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = {
        at: this.current + ms,
        order: (this.order += 1),
        resolve: () => {
          signal?.removeEventListener('abort', wake)
          resolve()
        },
      }
      const wake = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        sleeper.resolve()
      }
      signal?.addEventListener('abort', wake, { once: true })
      this.sleepers.push(sleeper)
    })
  }

  /** When the earliest sleeper wakes, or null when nobody sleeps. */
  nextWakeAt(): number | null {
    let next: number | null = null
    for (const s of this.sleepers) if (next === null || s.at < next) next = s.at
    return next
  }

  /** Moves the clock to `time` (never backwards), waking every sleeper due by then. */
  advanceTo(time: number): void {
    this.current = Math.max(this.current, time)
    const due = this.sleepers
      .filter((s) => s.at <= this.current)
      .sort((a, b) => a.at - b.at || a.order - b.order)
    this.sleepers = this.sleepers.filter((s) => s.at > this.current)
    for (const s of due) s.resolve()
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms)
  }
}
