/**
 * Export progress from ffmpeg's `-progress` report: blocks of key=value lines (frame=…,
 * out_time_us=…, speed=…) each closed by progress=continue|end. We ask for that report instead
 * of parsing the `frame= … time=` stats line because the stats line is redrawn with \r, which the
 * wasm core's line-buffered stdio only flushes at the very end.
 */
export interface EncodeStats {
  /** Output frames written so far. */
  readonly frame: number | null
  /** Output time reached, in milliseconds. */
  readonly outTimeMs: number | null
  /** true on the last report (progress=end). */
  readonly end: boolean
}

/** Feeds lines one at a time; returns the stats when a block is complete. */
export class ProgressReader {
  private frame: number | null = null
  private outTimeMs: number | null = null

  push(line: string): EncodeStats | null {
    const eq = line.indexOf('=')
    if (eq <= 0) return null
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1).trim()
    switch (key) {
      case 'frame':
        this.frame = nonNegative(Number(value))
        return null
      case 'out_time_us':
      case 'out_time_ms': {
        // Both keys are microseconds (out_time_ms is misnamed in ffmpeg); N/A before output.
        const us = nonNegative(Number(value))
        if (us !== null) this.outTimeMs = us / 1000
        return null
      }
      case 'out_time':
        if (this.outTimeMs === null) this.outTimeMs = parseClock(value)
        return null
      case 'progress':
        return { frame: this.frame, outTimeMs: this.outTimeMs, end: value === 'end' }
      default:
        return null
    }
  }
}

function nonNegative(n: number): number | null {
  return Number.isFinite(n) && n >= 0 ? n : null
}

/** "00:01:02.500000" → 62500 ms; null for N/A or anything malformed. */
export function parseClock(value: string): number | null {
  const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim())
  if (!match || match[1]) return null
  return (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4])) * 1000
}

/**
 * Fraction done, 0..1. Frames are the better measure (exact, counted at the encoder); the output
 * time is used until the first frame is out. Never 1 before ffmpeg says it has ended, because
 * the muxer still has to write the index (+faststart rewrites the file).
 */
export function progressFraction(
  stats: EncodeStats,
  total: { readonly durationMs: number; readonly frames: number },
): number {
  if (stats.end) return 1
  let fraction = 0
  if (stats.frame !== null && stats.frame > 0 && total.frames > 0) {
    fraction = stats.frame / total.frames
  } else if (stats.outTimeMs !== null && total.durationMs > 0) {
    fraction = stats.outTimeMs / total.durationMs
  }
  return Math.min(0.99, Math.max(0, fraction))
}
