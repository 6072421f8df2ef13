import type { Timeline } from '../../../../shared/timeline'
import type { ColorPathPreference, ColorPathReport } from './color-path'
import type { PreviewMediaInfo } from './frame-plan'

/** Messages between the page and the preview worker. Requests are answered in order, by id. */

export interface PreviewMediaFile {
  readonly file: Blob
  readonly info: PreviewMediaInfo
}

export interface LoadRequest {
  readonly type: 'load'
  readonly id: number
  readonly timeline: Timeline
  /** mediaId → the user's file (read in place, never copied) and its probed info. */
  readonly media: Readonly<Record<string, PreviewMediaFile>>
  /** Shipped fonts and LUTs by file name → URL on the app's own origin. */
  readonly fonts: Readonly<Record<string, string>>
  readonly luts: Readonly<Record<string, string>>
  /** Colour pass implementation; `auto` (the default) uses WebGL2 only on a real GPU. */
  readonly colorPath?: ColorPathPreference
  /** Draw at this fraction of the timeline's size (1, the default, is full size). */
  readonly scale?: number
  /**
   * Show frames decoded ahead at the preview's size where they fit (frame-cache.ts; default).
   * Only below full size (`scale` < 1): full-size renders always decode.
   */
  readonly keepFrames?: boolean
}

export interface RenderRequest {
  readonly type: 'render'
  readonly id: number
  readonly timeMs: number
}

export type PreviewRequest = LoadRequest | RenderRequest

/** One preview frame's time in the worker, in ms. */
export interface FrameTiming {
  /** Waiting for the decoded source frame(s). */
  readonly sourceMs: number
  /** Everything else the compositor did (colour, scaling, overlays), and the hand-over. */
  readonly drawMs: number
}

export type PreviewReply =
  | { readonly type: 'loaded'; readonly id: number; readonly colorPath: ColorPathReport }
  | {
      readonly type: 'frame'
      readonly id: number
      /** The output frame drawn (the one the export shows at that time). */
      readonly frame: number
      readonly bitmap: ImageBitmap
      /** The path that drew it (it turns to the CPU if the GL context is lost). */
      readonly colorPath: ColorPathReport
      /** Every video in it came from frames decoded ahead (frame-cache.ts), none decoded now. */
      readonly kept: boolean
      /** Where the worker's time went for this frame (benchmark mode reports the medians). */
      readonly timing: FrameTiming
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
