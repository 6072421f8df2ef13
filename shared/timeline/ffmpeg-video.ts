import type { CanvasSize } from './canvas'
import { isPerPixelEffect } from './effects'
import { expandEffects } from './effect-presets'
import { effectFilter, mergeEqPasses } from './ffmpeg-effects'
import { num, sec } from './ffmpeg-escape'
import type { FilterGraph } from './filter-graph'
import { joinRuns } from './ffmpeg-join'
import type { PlannedClip, PlannedTransition } from './render-plan'
import { clipPlacement, displaySize } from './placement'

export interface VideoContext {
  readonly canvas: CanvasSize
  readonly fps: number
  readonly lutDir: string
}

/**
 * One clip's picture: exactly `frames` frames of canvas size at the output rate, so clips can be
 * concatenated and cross-faded without any filter renegotiating size, rate or time base.
 */
export function clipVideoFilters(p: PlannedClip, ctx: VideoContext): string[] {
  const { clip } = p
  const source = displaySize(p.media)
  const place = clipPlacement(clip, source, ctx.canvas)
  const effects = expandEffects(clip.effects)
  const color = effects.filter(isPerPixelEffect).map((e) => effectFilter(e, ctx.lutDir))
  const spatial = effects
    .filter((e) => !isPerPixelEffect(e))
    .map((e) => effectFilter(e, ctx.lutDir))
  const present = (fs: readonly (string | null)[]) =>
    mergeEqPasses(fs.filter((f): f is string => f !== null))

  const { sourceVisible: sv, visible: vis } = place
  const cropsSource = sv.width !== source.width || sv.height !== source.height
  const padsCanvas = vis.width !== ctx.canvas.width || vis.height !== ctx.canvas.height
  // Per-pixel effects give the same picture before or after scaling: run them where there are
  // fewer pixels (a 4K source is graded after downscaling, a small crop before upscaling).
  const colorFirst = sv.width * sv.height <= vis.width * vis.height

  return [
    `trim=duration=${sec(p.sourceDurationMs)}`,
    clip.speed === 1 ? 'setpts=PTS-STARTPTS' : `setpts=(PTS-STARTPTS)/${num(clip.speed)}`,
    // Resample to the output rate first, so a 4× speed-up drops frames before they are scaled.
    `fps=${ctx.fps}`,
    // Only the part that will be seen is cropped, graded and scaled (see sourceVisible).
    ...(cropsSource ? [`crop=${sv.width}:${sv.height}:${sv.x}:${sv.y}`] : []),
    ...(colorFirst ? present(color) : []),
    `scale=${vis.width}:${vis.height}`,
    ...(colorFirst ? [] : present(color)),
    ...present(spatial),
    ...(padsCanvas
      ? [
          `pad=${ctx.canvas.width}:${ctx.canvas.height}:${place.canvasX}:${place.canvasY}:color=black`,
        ]
      : []),
    'setsar=1',
    'format=yuv420p',
    // A source a little shorter than its probed duration repeats its last frame instead of
    // shortening the clip (which would shift every later cut and transition).
    `tpad=stop_mode=clone:stop_duration=${sec(p.durationMs)}`,
    `trim=end_frame=${p.frames}`,
  ]
}

const XFADE_NAMES = { left: 'slideleft', right: 'slideright', up: 'slideup', down: 'slidedown' }

export function xfadeName(t: PlannedTransition['spec']): string {
  return t.type === 'crossfade' ? 'fade' : XFADE_NAMES[t.direction]
}

/**
 * Joins clip streams: runs without transitions are concatenated, runs are cross-faded into each
 * other at their planned frame offsets.
 */
export function joinVideo(
  graph: FilterGraph,
  labels: readonly string[],
  plan: readonly PlannedClip[],
  fps: number,
): string {
  return joinRuns(graph, labels, plan, {
    concat: (n) => [
      `concat=n=${n}:v=1:a=0`,
      // concat outputs a 1/1000000 time base and xfade insists both inputs share one.
      `fps=${fps}`,
    ],
    transition: (t) => [
      `xfade=transition=${xfadeName(t.spec)}:duration=${num(t.frames / fps)}:offset=${num(t.offsetFrame / fps)}`,
      // ffmpeg 5.1's xfade (the ffmpeg.wasm core's version) leaves a one-frame gap in its
      // timestamps; renumbering keeps later offsets and the total length on the frame grid.
      'setpts=N/FRAME_RATE/TB',
    ],
    prefix: 'vj',
  })
}
