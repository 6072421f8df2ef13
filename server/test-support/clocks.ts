import type { Clock } from '../jobs/clock'

/**
 * A clock for one sequential actor: sleeping moves time forward at once. A flow that waits out a
 * rate limit or a processing delay runs instantly, and every timestamp it produces is exact.
 */
export class SteppingClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current
  }

  sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms)
    return Promise.resolve()
  }

  advance(ms: number): void {
    this.current += ms
  }
}
