import { ALL_FORMATS, BlobSource, Input } from 'mediabunny'
import type { Timeline } from '../../../../shared/timeline'
import type { EncoderSettings } from './webcodecs/run-export'

/**
 * Which engine renders a job, decided per job and said in plain words: the WebCodecs engine
 * (the preview's compositor, the browser's decoders and H.264 encoder) unless something in the
 * job needs ffmpeg.wasm — a source the browser cannot decode, a size or rate its encoder
 * refuses, or an x264 preset or quality the user picked by name.
 */
export type EngineChoice =
  { readonly engine: 'webcodecs' } | { readonly engine: 'ffmpeg'; readonly reason: string }

export interface ChoiceInput {
  readonly timeline: Timeline
  /** mediaId → file and the name the user knows it by. */
  readonly media: Readonly<Record<string, { readonly file: Blob; readonly name: string }>>
  readonly settings: EncoderSettings
  readonly preset?: string
  readonly crf?: number
  /** 'ffmpeg' forces the fallback (tests, benchmarks); 'webcodecs' refuses to fall back. */
  readonly prefer?: 'auto' | 'webcodecs' | 'ffmpeg'
}

/** What the browser offers; injectable so the rules are testable without one. */
export interface Capabilities {
  readonly webCodecs: boolean
  encoderSupports(settings: EncoderSettings): Promise<boolean>
  /** null when the file's video can be decoded; otherwise why not, in plain words. */
  cannotDecode(file: Blob): Promise<string | null>
}

export async function chooseEngine(input: ChoiceInput, caps: Capabilities): Promise<EngineChoice> {
  const fallback = (reason: string): EngineChoice => ({ engine: 'ffmpeg', reason })
  if (input.prefer === 'ffmpeg') return fallback('the ffmpeg.wasm engine was asked for')
  if (input.preset !== undefined) return fallback(`you chose the x264 preset “${input.preset}”`)
  if (input.crf !== undefined) return fallback(`you chose x264 quality CRF ${input.crf}`)
  if (!caps.webCodecs) return fallback('this browser has no WebCodecs video encoder and decoder')
  const { settings } = input
  if (!(await caps.encoderSupports(settings))) {
    return fallback(
      `this browser's H.264 encoder cannot encode ${settings.width}×${settings.height} at ${settings.fps} fps`,
    )
  }
  // Every video the picture shows: the main track's and the overlay tracks'.
  const clipMedia = [
    ...new Set([...input.timeline.clips, ...input.timeline.overlays].map((c) => c.mediaId)),
  ]
  for (const mediaId of clipMedia) {
    const source = Object.hasOwn(input.media, mediaId) ? input.media[mediaId] : undefined
    if (!source) continue
    const why = await caps.cannotDecode(source.file)
    if (why) return fallback(`“${source.name}” ${why}`)
  }
  return { engine: 'webcodecs' }
}

/** This browser's capabilities (page side). */
export const browserCapabilities: Capabilities = {
  webCodecs:
    typeof VideoEncoder === 'function' &&
    typeof VideoDecoder === 'function' &&
    typeof OffscreenCanvas === 'function',
  async encoderSupports(settings) {
    const support = await VideoEncoder.isConfigSupported({
      codec: settings.codec,
      width: settings.width,
      height: settings.height,
      bitrate: settings.bitrate,
      framerate: settings.fps,
      avc: { format: 'avc' },
    }).catch(() => ({ supported: false }))
    return support.supported === true
  },
  async cannotDecode(file) {
    const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
    try {
      const track = await input.getPrimaryVideoTrack()
      if (!track) return 'has no video track this browser can read'
      if (await track.canDecode()) return null
      const codec = track.codec ?? (await track.getCodecParameterString()) ?? 'unknown'
      return `uses a video codec this browser cannot decode (${codec})`
    } catch {
      return 'is in a format this browser cannot read'
    } finally {
      input.dispose()
    }
  },
}
