import type { CanvasSize } from './canvas'
import { effectFilters } from './ffmpeg-effects'
import type { FfmpegInputs } from './ffmpeg-inputs'
import {
  drawtextFilter,
  imageFilters,
  imagePlacement,
  overlayFilter,
  type OverlayWindow,
  type TextImageMap,
} from './ffmpeg-overlays'
import { overlayClipFilter, overlayClipStream } from './ffmpeg-overlay-clips'
import { clipVideoFilters, joinVideo } from './ffmpeg-video'
import type { FilterGraph } from './filter-graph'
import type { MediaInfoMap } from './media-info'
import type { ImageOverlay, OverlayClip, Timeline } from './model'
import { lookupMedia, type PlannedClip } from './render-plan'
import { overlayEndMs } from './selection'

export interface PictureContext {
  readonly timeline: Timeline
  readonly media: MediaInfoMap
  readonly canvas: CanvasSize
  readonly fontDir: string
  readonly lutDir: string
  /** Text overlays as pictures (see TextImageMap); drawtext draws the ones not in it. */
  readonly textImages?: TextImageMap
}

/**
 * The picture: clips (framed, graded), joined, the overlay tracks' videos (track 1 lowest), then
 * whole-picture effects, then images and text on top — text last so it stays readable over
 * stickers, and neither is colour-graded. `windowOf` decides when each overlay shows
 * (undefined: leave it out); `sampleAtMs` is set when rendering a single instant (the cover).
 */
export function buildPicture(
  graph: FilterGraph,
  inputs: FfmpegInputs,
  plan: readonly PlannedClip[],
  ctx: PictureContext,
  windowOf: (item: { startMs: number; endMs: number }) => OverlayWindow | undefined,
  clipInput: (p: PlannedClip) => number,
  sampleAtMs?: number,
): string {
  const { timeline, canvas } = ctx
  const video = { canvas, fps: timeline.fps, lutDir: ctx.lutDir }
  const labels = plan.map((p) =>
    graph.add([`${clipInput(p)}:v`], clipVideoFilters(p, video), graph.label('v')),
  )
  let picture = joinVideo(graph, labels, plan, timeline.fps)

  const overlays = [...timeline.overlays].sort((a, b) => a.track - b.track || a.startMs - b.startMs)
  for (const overlay of overlays) {
    const window = windowOf({ startMs: overlay.startMs, endMs: overlayEndMs(overlay) })
    if (window === undefined) continue
    picture = addOverlayClip(graph, inputs, ctx, overlay, window, picture, sampleAtMs)
  }

  const global = effectFilters(timeline.effects, ctx.lutDir)
  if (global.length > 0) picture = graph.add([picture], global, graph.label('g'))

  for (const image of timeline.images) {
    const window = windowOf(image)
    if (window === undefined) continue
    picture = addImage(graph, inputs, ctx, image, window, picture)
  }

  const drawn: string[] = []
  for (const text of timeline.texts) {
    const window = windowOf(text)
    if (window === undefined) continue
    const image =
      ctx.textImages && Object.hasOwn(ctx.textImages, text.id) ? ctx.textImages[text.id] : undefined
    if (image) {
      // The compositor's own rendering of the text (same glyphs, emoji included), placed as is.
      const index = inputs.add(image.fileName)
      picture = graph.add([picture, `${index}:v`], [overlayFilter(image, window)], graph.label('o'))
    } else {
      drawn.push(drawtextFilter(text, canvas, ctx.fontDir, window))
    }
  }
  if (drawn.length > 0) picture = graph.add([picture], drawn, graph.label('t'))
  return picture
}

function addOverlayClip(
  graph: FilterGraph,
  inputs: FfmpegInputs,
  ctx: PictureContext,
  overlay: OverlayClip,
  window: OverlayWindow,
  picture: string,
  sampleAtMs: number | undefined,
): string {
  const info = lookupMedia(ctx.media, overlay.mediaId, `overlay clip "${overlay.id}"`)
  const stream = overlayClipStream(
    overlay,
    info,
    { canvas: ctx.canvas, fps: ctx.timeline.fps },
    sampleAtMs,
  )
  const index = inputs.add(info.fileName, {
    startMs: stream.sourceStartMs,
    durationMs: stream.sourceDurationMs,
  })
  const prepared = graph.add([`${index}:v`], stream.filters, graph.label('p'))
  return graph.add(
    [picture, prepared],
    [overlayClipFilter(stream.placement, window)],
    graph.label('o'),
  )
}

function addImage(
  graph: FilterGraph,
  inputs: FfmpegInputs,
  ctx: PictureContext,
  image: ImageOverlay,
  window: OverlayWindow,
  picture: string,
): string {
  const info = lookupMedia(ctx.media, image.mediaId, `image overlay "${image.id}"`)
  const place = imagePlacement(image, info, ctx.canvas)
  const index = inputs.add(info.fileName)
  const prepared = graph.add([`${index}:v`], imageFilters(place, image.opacity), graph.label('i'))
  return graph.add([picture, prepared], [overlayFilter(place, window)], graph.label('o'))
}
