import type { FrameRing } from './frame-ring'
import type { EncodeStats } from './progress'

/** Messages between the export engine (page) and its worker. One run at a time per worker. */

/** Where things live in ffmpeg.wasm's file system. */
export const FS_ROOT = '/reeldesk'
/** WORKERFS mount of the user's files: read in place from the Blobs, never copied into memory. */
export const INPUT_DIR = `${FS_ROOT}/in`
export const FONT_DIR = `${FS_ROOT}/fonts`
export const LUT_DIR = `${FS_ROOT}/luts`
export const OUTPUT_DIR = `${FS_ROOT}/out`
/** WORKERFS mount of the encoded H.264 stream of a split export (read in place, like inputs). */
export const ENCODED_DIR = `${FS_ROOT}/encoded`
/** The device node raw frames are written to in a split export (see frame-device.ts). */
export const FRAMES_DEVICE = `${FS_ROOT}/frames`
/** The device node a WebCodecs export's sound is written to, streamed out (sound-device.ts). */
export const SOUND_DEVICE = `${FS_ROOT}/sound`

export interface InputFile {
  /** File name inside INPUT_DIR. */
  readonly name: string
  readonly data: Blob
}

export interface ResourceFile {
  /** Absolute path in the ffmpeg FS (inside FONT_DIR or LUT_DIR). */
  readonly path: string
  /** Where the app serves it (its own origin). */
  readonly url: string
}

export interface RunRequest {
  readonly type: 'run'
  readonly multiThread: boolean
  readonly args: readonly string[]
  readonly inputs: readonly InputFile[]
  readonly resources: readonly ResourceFile[]
  readonly outputPath: string
  /** Send every ffmpeg stderr line to the page (diagnostics). */
  readonly forwardLog: boolean
  /** Present when the picture is encoded outside ffmpeg (WebCodecs): see SplitRun. */
  readonly split?: SplitRun
  /**
   * Present when the output is SOUND_DEVICE: what ffmpeg writes there goes to this port as it
   * is written (SoundChunk messages), and the run's 'done' carries no output.
   */
  readonly soundPort?: MessagePort
}

/** The sound stream of a WebCodecs export, from the export worker to the mux worker. */
export type SoundChunk =
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  /** ffmpeg finished cleanly: nothing more will come. */
  | { readonly type: 'end' }

/**
 * A split export: `args` sends raw frames to `framesPath` (a device feeding `ring`) and the
 * sound to `audioPath`; the encode worker sends the H.264 stream through `port`; it is written
 * to `videoPath` and `muxArgs` make the MP4 at `outputPath`.
 */
export interface SplitRun {
  readonly ring: FrameRing
  readonly framesPath: string
  readonly audioPath: string
  readonly videoPath: string
  readonly muxArgs: readonly string[]
  readonly port: MessagePort
}

export type WorkerReply =
  | { readonly type: 'loaded'; readonly multiThread: boolean; readonly loadMs: number }
  | { readonly type: 'progress'; readonly stats: EncodeStats }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'done'; readonly output: ArrayBuffer; readonly exitCode: number }
  | {
      readonly type: 'failed'
      /** Where it failed: fetching resources/loading the core, the ffmpeg run, the H.264 encoder. */
      readonly stage: 'load' | 'resources' | 'run' | 'encode'
      readonly exitCode: number | null
      readonly message: string
      /** The end of ffmpeg's stderr. */
      readonly log: readonly string[]
    }
