import type { MediaInfo } from '../../../../shared/timeline'

/**
 * What the test-only harness page (harness.html) exposes as window.__reeldeskEngineTest, for
 * e2e/export.e2e.test.ts and bench/export/main.ts. Self-contained types, so Node-side tests can
 * import them without pulling in the Vite-only engine modules.
 */

export interface HarnessSpec {
  readonly timeline: unknown
  /** mediaId → the file's name in the page's #files input, and its probed info. */
  readonly media: Readonly<
    Record<string, { readonly file: string; readonly info: Omit<MediaInfo, 'fileName'> }>
  >
  readonly preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow'
  readonly crf?: number
  /** The browser encoder's quality setting (WebCodecs engine). */
  readonly quality?: 'smaller' | 'balanced' | 'best'
  /** Abort the export once this fraction is reached (tests cancel). */
  readonly cancelAtFraction?: number
  /**
   * Keep the MP4 in the page instead of returning it as base64 (a long export's file would
   * otherwise be copied twice into the page's heap while its memory is measured); read it with
   * outputChunk().
   */
  readonly keepOutput?: boolean
}

export interface HarnessProgress {
  readonly phase: 'loading' | 'rendering' | 'finishing'
  readonly fraction: number
  readonly frame: number
  readonly etaMs: number | null
  readonly elapsedMs: number
}

export type HarnessOutcome =
  | {
      readonly ok: true
      readonly base64: string
      readonly bytes: number
      readonly elapsedMs: number
      readonly loadMs: number
      readonly multiThread: boolean
      /** Who encoded the picture (covers: x264, they are JPEGs: not applicable). */
      readonly videoEncoder: 'webcodecs' | 'x264'
      /** Which engine made the picture, and why the fallback was taken. */
      readonly engine: 'webcodecs' | 'ffmpeg'
      readonly fallbackReason: string | null
      /** The WebCodecs engine's stages (null for ffmpeg.wasm): where each worker's time went. */
      readonly stages: HarnessStages | null
      readonly progress: readonly HarnessProgress[]
    }
  | {
      readonly ok: false
      readonly code: string
      readonly message: string
      readonly elapsedMs: number
    }

/** Per worker of the WebCodecs engine, ms: its own work, waiting for input, waiting for room. */
export type HarnessStages = Readonly<
  Partial<
    Record<
      'decode' | 'compose' | 'encode',
      {
        readonly work: number
        readonly waitIn: number
        readonly waitOut: number
        /** ms since the export started: the worker's start, first frame handed on, end. */
        readonly span?: {
          readonly start: number
          readonly first: number | null
          readonly end: number
        }
        /** The encode stage: when the encoder had flushed ('encoded') and the sound ended ('sound'). */
        readonly marks?: Readonly<Record<string, number>>
        /** Compose only: frames drawn on Y'CbCr planes and on the canvas (with why). */
        readonly paths?: {
          readonly planes: number
          readonly canvas: number
          readonly reasons: Readonly<Record<string, number>>
        }
      }
    >
  >
>

export interface EngineTestApi {
  readonly crossOriginIsolated: boolean
  exportVideo(spec: HarnessSpec): Promise<HarnessOutcome>
  cover(spec: HarnessSpec, atMs: number): Promise<HarnessOutcome>
  /**
   * The compiled argument list of an export (as the MT core would run it) and which FS path is
   * which input file, so a benchmark can run the same command with native ffmpeg.
   */
  plan(spec: HarnessSpec): Promise<{
    args: string[]
    files: Record<string, string>
    /** FS path → the text overlay's PNG (base64), as the compositor renders it. */
    texts: Record<string, string>
  }>
  /** Part of the last kept export (keepOutput) as base64; '' past its end. */
  outputChunk(offset: number, length: number): Promise<string>
  /** ffmpeg's log lines since the last call. */
  takeLog(): string[]
  /** Replaces the engine, e.g. to force the single-thread core or x264. */
  reset(options?: {
    multiThread?: boolean
    videoEncoder?: 'auto' | 'webcodecs' | 'x264'
    engine?: 'auto' | 'webcodecs' | 'ffmpeg'
    /** Pretend the browser cannot decode any clip source (the fallback's reason is then shown). */
    noDecode?: boolean
    /** A fixed bitrate for the browser's encoder (the benchmark's near-lossless reference). */
    videoBitrate?: number
  }): void
}

declare global {
  interface Window {
    __reeldeskEngineTest?: EngineTestApi
  }
}
