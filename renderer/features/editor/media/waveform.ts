import { AudioSampleSink, type InputAudioTrack } from 'mediabunny'
import { WAVEFORM_BUCKETS } from './limits'
import { createPeakBuckets } from './peaks'

/**
 * Peaks of the whole track, decoded chunk by chunk through WebCodecs (mediabunny's sink), so
 * memory stays at one chunk whatever the length. Cost is a full decode: ~100× real time for AAC.
 */
export async function audioPeaks(
  track: InputAudioTrack,
  startSeconds: number,
  durationSeconds: number,
  signal?: AbortSignal,
  buckets: number = WAVEFORM_BUCKETS,
): Promise<number[]> {
  const sampleRate = await track.getSampleRate()
  const peaks = createPeakBuckets(buckets, Math.round(durationSeconds * sampleRate))
  let plane = new Float32Array(0)
  for await (const sample of new AudioSampleSink(track).samples()) {
    try {
      signal?.throwIfAborted()
      const frames = sample.numberOfFrames
      if (plane.length < frames) plane = new Float32Array(frames)
      const view = plane.subarray(0, frames)
      const startFrame = Math.round((sample.timestamp - startSeconds) * sampleRate)
      for (let channel = 0; channel < sample.numberOfChannels; channel += 1) {
        sample.copyTo(view, { planeIndex: channel, format: 'f32-planar' })
        peaks.add(view, Math.max(0, startFrame))
      }
    } finally {
      sample.close()
    }
  }
  return peaks.result()
}
