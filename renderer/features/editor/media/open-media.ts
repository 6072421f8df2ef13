import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  UnsupportedInputFormatError,
  type InputAudioTrack,
  type InputTrack,
  type InputVideoTrack,
} from 'mediabunny'
import { checkDimensions, checkDuration } from './checks'
import { normaliseFrameRate } from './frame-rate'
import { MediaImportError } from './import-error'
import type { ProbeResult, Rotation } from './probe-result'

/** An opened audio/video file: its probe, plus the tracks for making previews. Close it. */
export interface OpenedMedia {
  readonly probe: ProbeResult
  readonly video: InputVideoTrack | null
  readonly audio: InputAudioTrack | null
  /** Where the tracks start (seconds); previews are timed from here. */
  readonly startSeconds: number
  /** Frees mediabunny's decoders and caches. */
  close(): void
}

/** Packets read for the frame rate estimate: a few seconds' worth is plenty for constant rates. */
const FPS_SAMPLE_PACKETS = 120

function toRotation(degrees: number): Rotation {
  const r = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360
  return r === 90 || r === 180 || r === 270 ? r : 0
}

/**
 * A truncated file can keep its index (MP4 "faststart" puts it first) while the media data it
 * points at is missing: the last packet of each track must be readable, or the file is
 * incomplete.
 */
async function assertLastPacketReadable(track: InputTrack, fileName: string): Promise<void> {
  let last
  try {
    last = await new EncodedPacketSink(track).getPacket(Infinity)
  } catch (error) {
    throw new MediaImportError('corrupt', fileName, {}, { cause: error })
  }
  if (!last || last.data.byteLength === 0) throw new MediaImportError('corrupt', fileName)
}

async function assertDecodable(
  track: InputVideoTrack | InputAudioTrack,
  kind: 'video' | 'audio',
  fileName: string,
): Promise<string> {
  const codec = await track.getCodec()
  // Decodability is what WebCodecs says for this exact configuration (profile, size), not a
  // codec-name allowlist: Chromium builds differ (HEVC needs a platform decoder, for example).
  if (!codec || !(await track.canDecode())) {
    throw new MediaImportError('unsupported-codec', fileName, {
      track: kind,
      codec: codec ?? 'unknown',
    })
  }
  return codec
}

/** Opens with mediabunny and probes; refusals are MediaImportErrors. */
export async function openMedia(file: Blob, fileName: string): Promise<OpenedMedia> {
  const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
  try {
    try {
      await input.getFormat()
    } catch (error) {
      if (error instanceof UnsupportedInputFormatError) {
        throw new MediaImportError('not-media', fileName, {}, { cause: error })
      }
      throw error
    }
    const video = await input.getPrimaryVideoTrack()
    const audio = await input.getPrimaryAudioTrack()
    if (!video && !audio) throw new MediaImportError('corrupt', fileName)

    const videoCodec = video ? await assertDecodable(video, 'video', fileName) : null
    const audioCodec = audio ? await assertDecodable(audio, 'audio', fileName) : null

    const start = await input.getFirstTimestamp()
    const end = await input.computeDuration()
    // ffprobe's duration is end − start; a negative start (audio priming) is not playable time.
    const durationMs = Math.max(0, end - Math.max(0, start)) * 1000
    if (!(durationMs > 0)) throw new MediaImportError('corrupt', fileName)
    checkDuration(fileName, durationMs)

    for (const track of [video, audio]) if (track) await assertLastPacketReadable(track, fileName)

    let picture = null
    if (video) {
      const codedWidth = await video.getCodedWidth()
      const codedHeight = await video.getCodedHeight()
      const displayWidth = await video.getDisplayWidth()
      const displayHeight = await video.getDisplayHeight()
      checkDimensions(fileName, displayWidth, displayHeight)
      const stats = await video.computePacketStats(FPS_SAMPLE_PACKETS)
      picture = {
        codedWidth,
        codedHeight,
        displayWidth,
        displayHeight,
        fps: normaliseFrameRate(stats.averagePacketRate),
        rotation: toRotation(await video.getRotation()),
      }
    }

    const probe: ProbeResult = {
      kind: video ? 'video' : 'audio',
      fileName,
      mimeType: await input.getMimeType(),
      sizeBytes: file.size,
      durationMs,
      codedWidth: picture?.codedWidth ?? null,
      codedHeight: picture?.codedHeight ?? null,
      displayWidth: picture?.displayWidth ?? null,
      displayHeight: picture?.displayHeight ?? null,
      fps: picture?.fps ?? null,
      codecs: { video: videoCodec, audio: audioCodec },
      rotation: picture?.rotation ?? 0,
      hasAudio: audio !== null,
    }
    return {
      probe,
      video,
      audio,
      startSeconds: Math.max(0, start),
      close: () => input.dispose(),
    }
  } catch (error) {
    input.dispose()
    if (error instanceof MediaImportError) throw error
    // mediabunny throws plain Errors for malformed boxes, missing indexes, reads past the end.
    throw new MediaImportError('corrupt', fileName, {}, { cause: error })
  }
}
