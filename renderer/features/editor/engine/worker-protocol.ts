import type { EncodeStats } from './progress'

/** Messages between the export engine (page) and its worker. One run at a time per worker. */

/** Where things live in ffmpeg.wasm's file system. */
export const FS_ROOT = '/reeldesk'
/** WORKERFS mount of the user's files: read in place from the Blobs, never copied into memory. */
export const INPUT_DIR = `${FS_ROOT}/in`
export const FONT_DIR = `${FS_ROOT}/fonts`
export const LUT_DIR = `${FS_ROOT}/luts`
export const OUTPUT_DIR = `${FS_ROOT}/out`

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
}

export type WorkerReply =
  | { readonly type: 'loaded'; readonly multiThread: boolean; readonly loadMs: number }
  | { readonly type: 'progress'; readonly stats: EncodeStats }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'done'; readonly output: ArrayBuffer; readonly exitCode: number }
  | {
      readonly type: 'failed'
      /** Where it failed: fetching resources/loading the core, or the ffmpeg run itself. */
      readonly stage: 'load' | 'resources' | 'run'
      readonly exitCode: number | null
      readonly message: string
      /** The end of ffmpeg's stderr. */
      readonly log: readonly string[]
    }
