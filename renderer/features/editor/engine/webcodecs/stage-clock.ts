import type { StageTime } from './protocol'

/**
 * Adds up a worker's time by kind over an export: what it waited for on either side and what
 * it did itself (the rest of the wall time since it started), and when it started, handed on
 * its first frame and ended. Reported once at the end, so the bench can say which stage bounds
 * the export and where its start and end go.
 */
export class StageClock {
  private readonly started: number
  private waitIn = 0
  private waitOut = 0
  private firstOut: number | null = null
  private readonly marks: Record<string, number> = {}

  /**
   * `offset`: added to `now()` to give ms since the export started (the export's start as an
   * epoch time minus this worker's performance.timeOrigin), so every worker's span is on one
   * time line.
   */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly offset = 0,
  ) {
    this.started = now()
  }

  /** Call when the stage hands on its first frame. */
  handedFirst(): void {
    this.firstOut ??= this.now()
  }

  /** Notes when something happened (ms since the export started), e.g. the sound ending. */
  mark(name: string): void {
    this.marks[name] = Math.round(this.now() + this.offset)
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
    const at = (ms: number) => round(ms + this.offset)
    return {
      work: round(Math.max(0, total - this.waitIn - this.waitOut)),
      waitIn: round(this.waitIn),
      waitOut: round(this.waitOut),
      span: {
        start: at(this.started),
        first: this.firstOut === null ? null : at(this.firstOut),
        end: at(this.now()),
      },
      ...(Object.keys(this.marks).length > 0 ? { marks: { ...this.marks } } : {}),
    }
  }
}
