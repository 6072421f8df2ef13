/**
 * Time left for an export, from the rate over the last few seconds. The first seconds of an
 * ffmpeg run (probing inputs, building the filter graph, filling the encoder's lookahead)
 * produce no frames, so a rate averaged from the start would overestimate the time left for a
 * long while; a sliding window forgets that start-up quickly.
 */
export interface EtaOptions {
  /** How much history the rate is measured over. */
  readonly windowMs?: number
  /** No estimate before this much progress has been observed (early rates are noise). */
  readonly minSpanMs?: number
}

interface Sample {
  readonly at: number
  readonly fraction: number
}

export class EtaEstimator {
  private readonly samples: Sample[] = []
  private readonly windowMs: number
  private readonly minSpanMs: number

  constructor(options: EtaOptions = {}) {
    this.windowMs = options.windowMs ?? 5000
    this.minSpanMs = options.minSpanMs ?? 1000
  }

  /** Records progress at time `now` (ms, any monotonic clock); returns ms left or null. */
  update(fraction: number, now: number): number | null {
    const last = this.samples[this.samples.length - 1]
    if (last && (now < last.at || fraction < last.fraction)) this.samples.length = 0
    this.samples.push({ at: now, fraction })
    while (this.samples.length > 2 && now - (this.samples[1]?.at ?? now) >= this.windowMs) {
      this.samples.shift()
    }
    if (fraction >= 1) return 0
    const first = this.samples[0]
    if (!first) return null
    const span = now - first.at
    const done = fraction - first.fraction
    if (span < this.minSpanMs || done <= 0) return null
    return Math.round(((1 - fraction) * span) / done)
  }
}
