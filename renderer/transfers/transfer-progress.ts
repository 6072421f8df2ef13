/**
 * Speed and time left for a transfer, from a sliding window of (time, bytes done) samples: the
 * last few seconds, so a stall shows up quickly and one fast burst does not promise too much.
 */
export interface ProgressSample {
  readonly at: number
  readonly bytes: number
}

export const PROGRESS_WINDOW_MS = 5_000

export function addSample(
  samples: readonly ProgressSample[],
  sample: ProgressSample,
): ProgressSample[] {
  const kept = samples.filter((s) => sample.at - s.at <= PROGRESS_WINDOW_MS)
  return [...kept, sample]
}

/** Bytes per second over the window, or null until there are two samples a moment apart. */
export function speedOf(samples: readonly ProgressSample[]): number | null {
  const first = samples[0]
  const last = samples.at(-1)
  if (!first || !last || last.at - first.at < 250) return null
  return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at))
}

/** Milliseconds left at the current speed, or null when unknown (no speed yet, or stalled). */
export function etaMs(remainingBytes: number, bytesPerSecond: number | null): number | null {
  if (remainingBytes <= 0) return 0
  if (bytesPerSecond === null || bytesPerSecond < 1) return null
  return (remainingBytes / bytesPerSecond) * 1000
}

/** "3.2 MB/s": speeds in decimal units, as networks are measured. */
export function formatSpeed(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`
  if (bytesPerSecond >= 1e3) return `${Math.round(bytesPerSecond / 1e3)} kB/s`
  return `${Math.round(bytesPerSecond)} B/s`
}

/** "about 12 s left", "about 3 min left", "a few seconds left". */
export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating time left'
  const s = Math.ceil(ms / 1000)
  if (s <= 3) return 'a few seconds left'
  if (s < 60) return `about ${s} s left`
  if (s < 3600) return `about ${Math.ceil(s / 60)} min left`
  return `about ${(s / 3600).toFixed(1)} h left`
}
