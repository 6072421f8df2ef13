import type { StageTime } from './protocol'

/**
 * Adds up a worker's time by kind over an export: what it waited for on either side and what
 * it did itself (the rest of the wall time since it started). Reported once at the end, so the
 * bench can say which stage bounds the export.
 */
export class StageClock {
  private readonly started: number
  private waitIn = 0
  private waitOut = 0

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now()
  }

  /** Runs `wait` and counts its time as waiting for the stage before (in) or after (out). */
  async waiting<T>(side: 'in' | 'out', wait: Promise<T> | (() => Promise<T>)): Promise<T> {
    const from = this.now()
    try {
      return await (typeof wait === 'function' ? wait() : wait)
    } finally {
      const spent = this.now() - from
      if (side === 'in') this.waitIn += spent
      else this.waitOut += spent
    }
  }

  time(): StageTime {
    const total = this.now() - this.started
    const round = (ms: number) => Math.round(ms)
    return {
      work: round(Math.max(0, total - this.waitIn - this.waitOut)),
      waitIn: round(this.waitIn),
      waitOut: round(this.waitOut),
    }
  }
}
