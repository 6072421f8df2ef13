import {
  canvasSize,
  clipPlacement,
  clipSpans,
  displaySize,
  expandEffects,
  isPerPixelEffect,
  overlayEndMs,
  overlayPlacement,
  type CanvasSize,
  type Clip,
  type ClipPlacement,
  type MediaInfo,
  type PrimitiveEffect,
  type TextOverlay,
  type Timeline,
} from '../../../../shared/timeline'
import { imagePlacement, type ImagePlacement } from '../../../../shared/timeline/ffmpeg-overlays'
import { effectPasses, type EffectPass } from './effect-passes'
import { overlayVisible } from './text-layout'
import { transitionLayers, type LayerPlacement } from './transition-layout'

/**
 * What to draw for one output frame, worked out without touching pixels. It follows the export
 * frame for frame: clip boundaries on the frame grid as render-plan.ts rounds them, the source
 * frame the compiler's `fps` filter would pick, xfade's progress, overlay windows as drawtext's
 * `enable` evaluates them.
 */
export type PreviewMediaInfo = Omit<MediaInfo, 'fileName'>
export type PreviewMediaMap = Readonly<Record<string, PreviewMediaInfo>>

export interface ClipLayer {
  readonly clipId: string
  readonly mediaId: string
  /** Time to ask the decoder for, in seconds of the source file. */
  readonly decodeSec: number
  readonly source: CanvasSize
  readonly placement: ClipPlacement
  /** Per-pixel effects, run at source-crop size when that is smaller (as the compiler does). */
  readonly color: readonly PrimitiveEffect[]
  readonly colorBeforeScale: boolean
  /** Blur and vignette, run on the visible (scaled) picture before it is padded. */
  readonly spatial: readonly EffectPass[]
  readonly layer: LayerPlacement
}

/** A video on an overlay track, drawn like a clip (no effects) at its opacity. */
export interface OverlayLayer {
  readonly clip: ClipLayer
  readonly opacity: number
}

export interface ImageLayer {
  readonly mediaId: string
  readonly placement: ImagePlacement
  readonly opacity: number
}

export interface FramePlan {
  readonly frame: number
  readonly canvas: CanvasSize
  /** Zero (past the end), one, or two (outgoing then incoming, during a transition). */
  readonly clips: readonly ClipLayer[]
  /** Overlay-track videos on screen, lowest track first; drawn before the whole-picture effects. */
  readonly overlays: readonly OverlayLayer[]
  readonly global: readonly EffectPass[]
  readonly images: readonly ImageLayer[]
  readonly texts: readonly TextOverlay[]
}

/** The output frame shown at a timeline time (frames are sampled at their start). */
export function frameAtTime(atMs: number, fps: number): number {
  return Math.max(0, Math.floor((atMs * fps) / 1000 + 1e-6))
}

export function planFrame(timeline: Timeline, media: PreviewMediaMap, atMs: number): FramePlan {
  const canvas = canvasSize(timeline.canvas)
  const fps = timeline.fps
  const frame = frameAtTime(atMs, fps)
  const frameAt = (ms: number) => Math.round((ms * fps) / 1000)
  const spans = clipSpans(timeline)
  const totalMs = spans.at(-1)?.endMs ?? 0
  const tMs = (frame * 1000) / fps

  const layerFor = (index: number, layer: LayerPlacement): ClipLayer | null => {
    const clip = timeline.clips[index]
    const span = spans[index]
    if (!clip || !span) return null
    return clipLayer(clip, frame - frameAt(span.startMs), media, canvas, fps, layer)
  }

  const clips: ClipLayer[] = []
  const index = spans.findIndex((s) => frame >= frameAt(s.startMs) && frame < frameAt(s.endMs))
  const next = spans[index + 1]
  const spec = timeline.clips[index]?.transitionOut
  const span = spans[index]
  if (span && next && spec && frame >= frameAt(next.startMs)) {
    const offset = frameAt(next.startMs)
    const frames = frameAt(span.endMs) - offset
    const layers = transitionLayers(spec, (frame - offset) / frames, canvas)
    const a = layerFor(index, layers.outgoing)
    const b = layerFor(index + 1, layers.incoming)
    if (a) clips.push(a)
    if (b) clips.push(b)
  } else if (index >= 0) {
    const a = layerFor(index, { dx: 0, dy: 0, alpha: 1 })
    if (a) clips.push(a)
  }

  const images = timeline.images
    .filter((image) => overlayVisible(image, tMs, totalMs))
    .map((image): ImageLayer => {
      const info = lookup(media, image.mediaId)
      return {
        mediaId: image.mediaId,
        placement: imagePlacement(image, { ...info, fileName: image.mediaId }, canvas),
        opacity: image.opacity,
      }
    })
  const texts = timeline.texts.filter((text) => overlayVisible(text, tMs, totalMs))
  const overlays = [...timeline.overlays]
    .sort((a, b) => a.track - b.track || a.startMs - b.startMs)
    .filter(
      (o) => frame >= frameAt(o.startMs) && frame < frameAt(overlayEndMs(o)) && o.startMs < totalMs,
    )
    .map((o): OverlayLayer => {
      const info = lookup(media, o.mediaId)
      const source = displaySize(info)
      return {
        opacity: o.opacity,
        clip: {
          clipId: o.id,
          mediaId: o.mediaId,
          decodeSec: decodeTimeSec(o, frame - frameAt(o.startMs), fps),
          source,
          placement: overlayPlacement(o, source, canvas),
          color: [],
          colorBeforeScale: false,
          spatial: [],
          layer: { dx: 0, dy: 0, alpha: 1 },
        },
      }
    })
  return { frame, canvas, clips, overlays, global: effectPasses(timeline.effects), images, texts }
}

/**
 * The compiler's clip stream is trimmed, re-timed by 1/speed and resampled by `fps`, which
 * emits for output frame j the last source frame whose re-timed stamp rounds to ≤ j: the one
 * starting before j + ½ frame. Ask the decoder for just under that instant.
 */
export function decodeTimeSec(
  clip: Pick<Clip, 'inMs' | 'speed'>,
  clipFrame: number,
  fps: number,
): number {
  return (clip.inMs + ((clipFrame + 0.499) * 1000 * clip.speed) / fps) / 1000
}

function clipLayer(
  clip: Clip,
  clipFrame: number,
  media: PreviewMediaMap,
  canvas: CanvasSize,
  fps: number,
  layer: LayerPlacement,
): ClipLayer {
  const info = lookup(media, clip.mediaId)
  const source = displaySize(info)
  const placement = clipPlacement(clip, source, canvas)
  const effects = expandEffects(clip.effects)
  const { sourceVisible, visible } = placement
  return {
    clipId: clip.id,
    mediaId: clip.mediaId,
    // Past the source's end the export clones the last frame; the decoder does the same.
    decodeSec: decodeTimeSec(clip, clipFrame, fps),
    source,
    placement,
    color: effects.filter(isPerPixelEffect),
    colorBeforeScale: sourceVisible.width * sourceVisible.height <= visible.width * visible.height,
    spatial: effectPasses(effects.filter((e) => !isPerPixelEffect(e))),
    layer,
  }
}

function lookup(media: PreviewMediaMap, mediaId: string): PreviewMediaInfo {
  const info = Object.hasOwn(media, mediaId) ? media[mediaId] : undefined
  if (!info) throw new Error(`preview: media "${mediaId}" has no media info`)
  return info
}
