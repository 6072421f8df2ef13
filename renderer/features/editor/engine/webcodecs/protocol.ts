import type { Timeline } from '../../../../../shared/timeline'
import type { PreviewMediaInfo } from '../../preview/frame-plan'
import type { ResourceUrlMap } from '../../preview/resources'

/**
 * Messages of the WebCodecs export: three workers joined by MessageChannels, each queue bounded
 * by credits (a sender holds at most N items the receiver has not acknowledged), so decoding,
 * compositing and encoding overlap on all cores while the frames in flight — and memory — stay
 * the same for any length of video.
 *
 *   decode.worker ──frames──▶ compose.worker ──canvas frames──▶ mux.worker ──▶ MP4 file
 *        ◀──────── credits ────────┘     ◀──────── credits ─────────┘
 */

/** What every worker of one job knows about it. */
export interface JobSpec {
  readonly timeline: Timeline
  readonly media: Readonly<Record<string, PreviewMediaInfo>>
  /** Output frames: the edit's length on the frame grid. */
  readonly frames: number
}

export interface DecodeStart {
  readonly type: 'start'
  /** When the export started, as an epoch time in ms (performance.timeOrigin + now()). */
  readonly exportStart: number
  readonly job: JobSpec
  /** mediaId → the user's file (read in place). Only clip media. */
  readonly files: Readonly<Record<string, Blob>>
  /** To the compose worker. */
  readonly port: MessagePort
  /** Decoded frames sent ahead of the compositor. */
  readonly credits: number
}

/** One output frame's source pictures, one per clip layer (two inside a transition). */
export interface DecodedFrame {
  readonly type: 'frame'
  readonly frame: number
  readonly layers: readonly DecodedLayer[]
}

/**
 * A decoded layer's key: main-track clips and overlay-track videos keep ids in separate lists
 * (one of each may share an id), so the kind is part of it.
 */
export function layerKey(kind: 'clip' | 'overlay', id: string): string {
  return `${kind}:${id}`
}

export interface DecodedLayer {
  /** layerKey() of the clip or overlay it belongs to. */
  readonly clipId: string
  readonly frame: VideoFrame
  /** The source's display rotation (a VideoFrame does not carry it). */
  readonly rotation: 0 | 90 | 180 | 270
  readonly flip: boolean
}

export interface ComposeStart {
  readonly type: 'start'
  /** When the export started, as an epoch time in ms (performance.timeOrigin + now()). */
  readonly exportStart: number
  readonly job: JobSpec
  /** Image overlay files by media id. */
  readonly files: Readonly<Record<string, Blob>>
  readonly resources: ResourceUrlMap
  /** From the decode worker; the compose worker acknowledges each frame on it. */
  readonly decoded: MessagePort
  /** To the mux worker. */
  readonly encoded: MessagePort
  /** Finished frames sent ahead of the encoder. */
  readonly credits: number
}

export interface ComposedFrame {
  readonly type: 'frame'
  readonly frame: number
  readonly picture: VideoFrame
}

export interface MuxStart {
  readonly type: 'start'
  /** When the export started, as an epoch time in ms (performance.timeOrigin + now()). */
  readonly exportStart: number
  readonly frames: number
  readonly fps: number
  readonly width: number
  readonly height: number
  readonly codec: string
  /** level_idc the stream is marked with (the encoder may write a lower one). */
  readonly levelIdc: number
  readonly bitrate: number
  /** From the compose worker; acknowledged frame by frame. */
  readonly composed: MessagePort
  /** Where the MP4 goes: a file in the origin's private file system, or memory. */
  readonly target: { readonly kind: 'opfs'; readonly name: string } | { readonly kind: 'memory' }
  /** The sound as ffmpeg makes it: AAC in ADTS frames (SoundChunk messages, sound-device.ts). */
  readonly sound: MessagePort
}

/** The sound, AAC in an M4A, made by ffmpeg.wasm from the compiled audio graph. */
export type MuxRequest = MuxStart

export type Ack = { readonly type: 'ack' }

/**
 * Where one worker's time went over a whole export, in ms: `work` its own (decoding, drawing,
 * encoding), `waitIn` waiting for the stage before it, `waitOut` waiting for room in the stage
 * after it. The stage that bounds the export is the one that hardly waits.
 */
export interface StageTime {
  readonly work: number
  readonly waitIn: number
  readonly waitOut: number
  /** The compose stage: frames drawn on Y'CbCr planes and on the canvas (with why). */
  readonly paths?: FramePaths
  /** ms since the export started: the worker's start, its first frame handed on, its end. */
  readonly span?: { readonly start: number; readonly first: number | null; readonly end: number }
  /** Other moments, ms since the export started (the mux stage: when the sound ended). */
  readonly marks?: Readonly<Record<string, number>>
}

export interface FramePaths {
  readonly planes: number
  readonly canvas: number
  readonly reasons: Readonly<Record<string, number>>
}

export type StageName = 'decode' | 'compose' | 'encode'

/** What workers tell the page. */
export type WorkerReport =
  | { readonly type: 'progress'; readonly frames: number }
  | { readonly type: 'stage'; readonly stage: StageName; readonly time: StageTime }
  | { readonly type: 'done'; readonly mp4: Blob; readonly frames: number }
  | {
      readonly type: 'failed'
      readonly message: string
      readonly stage: 'decode' | 'compose' | 'encode'
    }
