import { checkSize } from './checks'
import { probeImage } from './image-probe'
import { openMedia } from './open-media'
import type { ImportPreviews, ProbeResult } from './probe-result'
import { SNIFF_BYTES, sniffImage } from './sniff'
import { videoThumbnail } from './thumbnail'
import { audioPeaks } from './waveform'
import { MediaImportError } from './import-error'

export interface Analysis {
  readonly probe: ProbeResult
  readonly previews: ImportPreviews
}

/**
 * Probes a file and makes its previews (thumbnail, waveform), refusing what the studio cannot
 * use with a MediaImportError. Cheap refusals (size) come before any read.
 */
export async function analyzeMedia(
  file: Blob,
  fileName: string,
  signal?: AbortSignal,
): Promise<Analysis> {
  checkSize(fileName, file.size)
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())
  const image = sniffImage(head)
  if (image) {
    const { probe, thumbnail } = await probeImage(file, fileName, image)
    return { probe, previews: { thumbnail, peaks: null } }
  }

  const opened = await openMedia(file, fileName)
  const { probe, video, audio, startSeconds } = opened
  const seconds = probe.durationMs / 1000
  try {
    const thumbnail = video ? await videoThumbnail(video, startSeconds, seconds) : null
    if (video && !thumbnail) throw new MediaImportError('corrupt', fileName)
    const peaks = audio ? await audioPeaks(audio, startSeconds, seconds, signal) : null
    return { probe, previews: { thumbnail, peaks } }
  } catch (error) {
    if (error instanceof MediaImportError || signal?.aborted) throw error
    // The index was fine but the media data does not decode.
    throw new MediaImportError('corrupt', fileName, {}, { cause: error })
  } finally {
    opened.close()
  }
}

/** Probe only (no previews), for callers that just need the numbers. */
export async function probeMedia(file: Blob, fileName: string): Promise<ProbeResult> {
  checkSize(fileName, file.size)
  const image = sniffImage(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))
  if (image) return (await probeImage(file, fileName, image)).probe
  const opened = await openMedia(file, fileName)
  opened.close()
  return opened.probe
}
