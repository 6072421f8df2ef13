/**
 * Waveform peaks, built while audio is decoded chunk by chunk (a whole track of PCM would not
 * fit in memory for long files). Each bucket holds the largest absolute sample in its slice of
 * the track, over all channels, so the drawing shows clipping and silence truthfully.
 */
export interface PeakBuckets {
  /** Feeds one channel of a decoded chunk that starts at `startFrame` (sample index). */
  add(samples: Float32Array, startFrame: number): void
  /** Peaks in 0..1, `buckets` long. */
  result(): number[]
}

export function createPeakBuckets(buckets: number, totalFrames: number): PeakBuckets {
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError('buckets must be ≥ 1')
  const peaks = new Float32Array(buckets)
  // A track whose length is unknown or zero still gets a (flat) waveform rather than NaNs.
  const frames = Math.max(1, totalFrames)
  const bucketOf = (frame: number) => Math.min(buckets - 1, Math.floor((frame * buckets) / frames))

  return {
    add(samples, startFrame) {
      for (let i = 0; i < samples.length; i += 1) {
        const value = Math.abs(samples[i] ?? 0)
        const b = bucketOf(startFrame + i)
        if (value > (peaks[b] ?? 0)) peaks[b] = value
      }
    },
    result() {
      return Array.from(peaks, (p) => Math.round(Math.min(1, p) * 1000) / 1000)
    },
  }
}
