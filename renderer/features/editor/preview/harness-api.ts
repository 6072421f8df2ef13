import type { MediaInfo } from '../../../../shared/timeline'
import type { ColorPathPreference, ColorPathReport } from './color-path'
import type { PerPixelEffectPass } from './pixel-passes'

/**
 * What the test-only preview harness page (harness.html) exposes as window.__reeldeskPreviewTest,
 * for e2e/preview.e2e.test.ts and e2e/preview-webgl.e2e.test.ts. Type-only imports, so
 * Node-side tests can import them.
 */
export interface PreviewHarnessSpec {
  readonly timeline: unknown
  /** mediaId → the file's name in the page's #files input, and its probed info. */
  readonly media: Readonly<
    Record<string, { readonly file: string; readonly info: Omit<MediaInfo, 'fileName'> }>
  >
}

export type PreviewHarnessOutcome =
  | {
      readonly ok: true
      readonly frame: number
      readonly png: string
      readonly renderMs: number
      readonly colorPath: ColorPathReport | null
      /** Drawn from frames decoded ahead (frame-cache.ts). */
      readonly kept: boolean
    }
  | { readonly ok: false; readonly message: string }

/** Per-channel (R, G, B) absolute differences between two same-sized pictures. */
export interface PixelDiff {
  readonly maxDiff: number
  readonly meanDiff: number
  /** How many channel values differ by 0, 1, 2 and 3 or more. */
  readonly histogram: readonly [number, number, number, number]
}

export interface PixelPathSpec {
  readonly width: number
  readonly height: number
  /** Colour and vignette passes as the compositor hands them over; LUTs name bundled files. */
  readonly passes: readonly PerPixelEffectPass[]
  /** Timed runs of each path after one warm-up run (shader compile, LUT upload); default 1. */
  readonly runs?: number
  /** Lose the GL path's context (WEBGL_lose_context) before this run (0 = the warm-up). */
  readonly loseContextBeforeRun?: number
}

export type PixelPathOutcome =
  | {
      readonly ok: true
      /** The GL path's final picture against the CPU path's. */
      readonly diff: PixelDiff
      /** Median ms per pass over the timed runs, including the GL path's upload and read-back. */
      readonly cpuMs: number
      readonly glMs: number
      /** The GL path's warm-up run (program build, LUT upload). */
      readonly glFirstMs: number
      /** The GL path's runner after the runs (it reports the CPU after a lost context). */
      readonly colorPath: ColorPathReport
    }
  | { readonly ok: false; readonly message: string }

export interface PreviewTestApi {
  /** Loads the timeline into a fresh preview worker; reports the colour path it chose. */
  load(
    spec: PreviewHarnessSpec,
    options?: {
      readonly colorPath?: ColorPathPreference
      readonly scale?: number
      readonly keepFrames?: boolean
    },
  ): Promise<{
    readonly ok: boolean
    readonly message?: string
    readonly colorPath?: ColorPathReport
  }>
  /** Renders the frame at `timeMs`, returned as a base64 PNG. */
  renderPng(timeMs: number): Promise<PreviewHarnessOutcome>
  /** The colour path a runner with this preference picks on this page (then released). */
  probeColorPath(preference: ColorPathPreference): Promise<ColorPathReport>
  /** Runs the passes over a synthetic frame through the CPU and the (forced) WebGL2 path. */
  comparePixelPaths(spec: PixelPathSpec): Promise<PixelPathOutcome>
  /** Compares two base64 PNGs pixel by pixel. */
  diffPngs(a: string, b: string): Promise<PixelDiff>
  /**
   * Benchmark mode: plays the loaded timeline from the start in real time, as the editor does
   * (requestAnimationFrame, frames skipped rather than queued), and counts what was shown.
   */
  playBenchmark(): Promise<PlaybackBenchmark>
}

export interface PlaybackBenchmark {
  /** Distinct frames shown, over the timeline's frames, and how long playback took. */
  readonly shown: number
  readonly total: number
  readonly elapsedMs: number
  /** Shown frames per second of playback, and the fraction of the timeline's frames skipped. */
  readonly fps: number
  readonly dropped: number
  /** Frames the worker drew (shown, or drawn and then too late), and their median times in ms: */
  readonly rendered: number
  /** asked → received on the page; waiting for decoded frames; the rest of the worker's work. */
  readonly renderMs: number
  readonly sourceMs: number
  readonly drawMs: number
}

declare global {
  interface Window {
    __reeldeskPreviewTest?: PreviewTestApi
  }
}
