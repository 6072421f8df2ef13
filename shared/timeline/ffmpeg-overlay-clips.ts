import type { CanvasSize } from './canvas'
import { num, quoteExpression, sec } from './ffmpeg-escape'
import type { OverlayWindow } from './ffmpeg-overlays'
import type { MediaInfo } from './media-info'
import { TimelineError, type OverlayClip } from './model'
import { displaySize, overlayPlacement, type ClipPlacement } from './placement'

/**
 * A video on an overlay track (picture-in-picture): trimmed and re-timed like a main clip, only
 * the part that shows cropped and scaled, its opacity folded into alpha, then laid over the
 * joined main track at its place and time. `sample` renders one instant (the cover frame):
 * the stream then starts at that instant instead of being shifted to the overlay's start.
 */
export interface OverlayClipStream {
  readonly placement: ClipPlacement
  /** Where its source input starts and how much of it is read. */
  readonly sourceStartMs: number
  readonly sourceDurationMs: number
  readonly filters: string[]
}

export function overlayClipStream(
  overlay: OverlayClip,
  media: MediaInfo,
  ctx: { readonly canvas: CanvasSize; readonly fps: number },
  sampleAtMs?: number,
): OverlayClipStream {
  if (media.durationMs === 0) {
    throw new TimelineError(
      `overlay clip "${overlay.id}": media "${overlay.mediaId}" is a still image, not a video`,
      'An overlay track holds videos: add a picture as an image instead.',
    )
  }
  const place = overlayPlacement(overlay, displaySize(media), ctx.canvas)
  const { sourceVisible: sv, visible: vis } = place
  const source = displaySize(media)
  const cropsSource = sv.width !== source.width || sv.height !== source.height
  const sampling = sampleAtMs !== undefined
  const sourceStartMs = sampling
    ? overlay.inMs + (sampleAtMs - overlay.startMs) * overlay.speed
    : overlay.inMs
  const sourceDurationMs = sampling
    ? (2 * 1000 * overlay.speed) / ctx.fps
    : overlay.outMs - overlay.inMs
  return {
    placement: place,
    sourceStartMs,
    sourceDurationMs,
    filters: [
      `trim=duration=${sec(sourceDurationMs)}`,
      overlay.speed === 1 ? 'setpts=PTS-STARTPTS' : `setpts=(PTS-STARTPTS)/${num(overlay.speed)}`,
      `fps=${ctx.fps}`,
      ...(cropsSource ? [`crop=${sv.width}:${sv.height}:${sv.x}:${sv.y}`] : []),
      `scale=${vis.width}:${vis.height}`,
      'setsar=1',
      ...(overlay.opacity < 1
        ? ['format=rgba', `colorchannelmixer=aa=${num(overlay.opacity)}`]
        : ['format=yuv420p']),
      // Its first frame belongs at the overlay's start on the timeline.
      ...(sampling || overlay.startMs === 0 ? [] : [`setpts=PTS+${sec(overlay.startMs)}/TB`]),
    ],
  }
}

/**
 * Lays the prepared stream over the picture. eof_action=pass shows nothing once the overlay's
 * frames run out; before its first frame overlay shows the picture alone; `enable` makes the
 * window exact.
 */
export function overlayClipFilter(place: ClipPlacement, window: OverlayWindow): string {
  const enable = window
    ? `:enable=${quoteExpression(`between(t,${sec(window.startMs)},${sec(window.endMs)})`)}`
    : ''
  return `overlay=x=${place.canvasX}:y=${place.canvasY}:eof_action=pass${enable}`
}
