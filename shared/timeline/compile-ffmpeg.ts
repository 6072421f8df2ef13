import { canvasSize } from './canvas'
import {
  clipAudioFilters,
  clipHasSound,
  joinAudio,
  mixFilters,
  musicFilters,
  silenceFilters,
} from './ffmpeg-audio'
import { num, sec } from './ffmpeg-escape'
import { FfmpegInputs } from './ffmpeg-inputs'
import { buildPicture, type PictureContext } from './ffmpeg-picture'
import { FilterGraph } from './filter-graph'
import { h264Level } from './h264-level'
import type { MediaInfoMap } from './media-info'
import { TimelineError, parseTimeline, type Timeline } from './model'
import { lookupMedia, planTimeline, type PlannedClip, type RenderPlan } from './render-plan'
import { clipAtTime, timelineDurationMs } from './time'

/**
 * Timeline → ffmpeg argument list (for ffmpeg.wasm in the export worker; native ffmpeg in
 * tests). Pure: file names come from the media map, fonts and LUTs from the given directories
 * of the ffmpeg file system.
 */

export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
] as const
export type X264Preset = (typeof X264_PRESETS)[number]

export interface CompileOptions {
  /** Directory of the ffmpeg FS holding resources/fonts and resources/luts. */
  readonly fontDir: string
  readonly lutDir: string
  /** x264 speed/size trade-off; veryfast by default because ffmpeg.wasm runs ~4× native. */
  readonly preset?: X264Preset
  /** Constant quality, 0–51 (default 20: platforms re-encode, so give them a clean master). */
  readonly crf?: number
  readonly outputFileName?: string
}

export const DEFAULT_PRESET: X264Preset = 'veryfast'
export const DEFAULT_CRF = 20
export const DEFAULT_OUTPUT = 'output.mp4'

/** The MP4 export: H.264 high (yuv420p) + AAC 48 kHz stereo, exactly the timeline's length. */
export function compileFfmpeg(
  timelineInput: Timeline,
  media: MediaInfoMap,
  options: CompileOptions,
): string[] {
  const timeline = parseTimeline(timelineInput)
  const preset = options.preset ?? DEFAULT_PRESET
  const crf = options.crf ?? DEFAULT_CRF
  if (!X264_PRESETS.includes(preset)) throw new TimelineError(`unknown x264 preset "${preset}"`)
  if (!Number.isInteger(crf) || crf < 0 || crf > 51) {
    throw new TimelineError(`crf must be an integer from 0 to 51 (got ${crf})`)
  }
  const plan = planTimeline(timeline, media)
  const canvas = canvasSize(timeline.canvas)
  const inputs = new FfmpegInputs()
  const graph = new FilterGraph()

  const clipInputs = plan.clips.map((p) =>
    inputs.add(p.media.fileName, { startMs: p.sourceStartMs, durationMs: p.sourceDurationMs }),
  )
  const inputOf = (p: PlannedClip) => clipInputs[plan.clips.indexOf(p)] ?? 0
  const ctx: PictureContext = {
    timeline,
    media,
    canvas,
    fontDir: options.fontDir,
    lutDir: options.lutDir,
  }
  const total = plan.durationMs
  const picture = buildPicture(
    graph,
    inputs,
    plan.clips,
    ctx,
    (item) => overlayWindow(item, total),
    inputOf,
  )
  graph.add([picture], ['format=yuv420p'], 'vout')
  buildSound(graph, inputs, plan, timeline, media, inputOf)

  return [
    ...commonArgs(inputs.args, graph),
    '-map',
    '[aout]',
    // Phone footage carries GPS and device metadata; a public post should not.
    '-map_metadata',
    '-1',
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-crf',
    String(crf),
    '-profile:v',
    'high',
    '-level:v',
    h264Level(canvas.width, canvas.height, timeline.fps),
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(timeline.fps),
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    '-ar',
    '48000',
    '-ac',
    '2',
    // The index up front lets platforms and players start before the whole file has arrived.
    '-movflags',
    '+faststart',
    '-t',
    sec(total),
    options.outputFileName ?? DEFAULT_OUTPUT,
  ]
}

/** Overlays are shown on [start, end) clipped to the video; ones starting after it are dropped. */
function overlayWindow(item: { startMs: number; endMs: number }, totalMs: number) {
  if (item.startMs >= totalMs) return undefined
  return { startMs: item.startMs, endMs: Math.min(item.endMs, totalMs) }
}

/**
 * The sound: the clips' own audio (silence where a clip has none) joined like the video, at the
 * original level, mixed with the music. Always ends in stereo 48 kHz, silent if nothing plays,
 * so every export has an AAC track (some platforms reject videos without one).
 */
function buildSound(
  graph: FilterGraph,
  inputs: FfmpegInputs,
  plan: RenderPlan,
  timeline: Timeline,
  media: MediaInfoMap,
  inputOf: (p: PlannedClip) => number,
): void {
  const sources: string[] = []
  const { audio } = timeline
  const original = !audio.muteOriginal && audio.originalVolume > 0 && plan.clips.some(clipHasSound)
  if (original) {
    const labels = plan.clips.map((p) =>
      clipHasSound(p)
        ? graph.add([`${inputOf(p)}:a`], clipAudioFilters(p), graph.label('a'))
        : graph.add([], silenceFilters(p.durationMs), graph.label('s')),
    )
    let joined = joinAudio(graph, labels, plan.clips)
    if (audio.originalVolume !== 1) {
      joined = graph.add([joined], [`volume=${num(audio.originalVolume)}`], graph.label('ov'))
    }
    sources.push(joined)
  }
  const music = audio.music
  if (music && music.volume > 0) {
    const info = lookupMedia(media, music.mediaId, 'the music')
    if (!info.hasAudio) throw new TimelineError(`music media "${music.mediaId}" has no audio`)
    if (music.inMs >= info.durationMs) {
      throw new TimelineError(
        `music starts at ${music.inMs} ms but media "${music.mediaId}" is only ${info.durationMs} ms long`,
      )
    }
    const lengthMs = Math.min(plan.durationMs, info.durationMs - music.inMs)
    const index = inputs.add(info.fileName, { startMs: music.inMs, durationMs: lengthMs })
    sources.push(
      graph.add([`${index}:a`], musicFilters(music, info, plan.durationMs), graph.label('m')),
    )
  }
  if (sources.length === 0) {
    graph.add([], silenceFilters(plan.durationMs), 'aout')
  } else {
    graph.add(sources, mixFilters(sources.length), 'aout')
  }
}

export interface CoverOptions {
  readonly fontDir: string
  readonly lutDir: string
  readonly outputFileName?: string
}

export const DEFAULT_COVER_OUTPUT = 'cover.jpg'

/**
 * One JPEG of the finished picture at timeline time `atMs` (effects, images and text included),
 * for the post's cover. Only the clip on screen is decoded, from a seek to that point; during a
 * transition the clip more visible at that moment is used.
 */
export function compileCoverFrame(
  timelineInput: Timeline,
  media: MediaInfoMap,
  atMs: number,
  options: CoverOptions,
): string[] {
  const timeline = parseTimeline(timelineInput)
  const total = timelineDurationMs(timeline)
  if (timeline.clips.length === 0) throw new TimelineError('the timeline has no clips')
  if (!(atMs >= 0 && atMs <= total)) {
    throw new TimelineError(`cover time ${atMs} ms is outside the video (0–${num(total)} ms)`)
  }
  const frameMs = 1000 / timeline.fps
  const at = Math.min(atMs, total - frameMs / 2)
  const sample = clipAtTime(timeline, at)
  if (!sample) throw new TimelineError(`no clip at ${atMs} ms`)
  const shown =
    sample.transition && sample.transition.progress >= 0.5 ? sample.transition.incoming : sample
  const { clip, sourceMs } = shown
  const info = lookupMedia(media, clip.mediaId, `clip "${clip.id}"`)
  // Two frames' worth of source, so the fps filter has a frame to emit whatever the source rate.
  const planned: PlannedClip = {
    clip,
    media: info,
    sourceStartMs: sourceMs,
    sourceDurationMs: 2 * frameMs * clip.speed,
    durationMs: frameMs,
    frames: 1,
  }
  const canvas = canvasSize(timeline.canvas)
  const inputs = new FfmpegInputs()
  const input = inputs.add(info.fileName, {
    startMs: sourceMs,
    durationMs: planned.sourceDurationMs,
  })
  const graph = new FilterGraph()
  const ctx: PictureContext = {
    timeline,
    media,
    canvas,
    fontDir: options.fontDir,
    lutDir: options.lutDir,
  }
  const visible = (item: { startMs: number; endMs: number }) =>
    at >= item.startMs && at < item.endMs ? null : undefined
  const picture = buildPicture(graph, inputs, [planned], ctx, visible, () => input)
  // The MJPEG encoder wants full-range YUV: convert here rather than loosen its compliance.
  graph.add([picture], ['scale=out_range=full', 'format=yuvj420p'], 'vout')
  return [
    ...commonArgs(inputs.args, graph),
    '-map_metadata',
    '-1',
    '-frames:v',
    '1',
    '-q:v',
    '2',
    '-f',
    'image2',
    '-update',
    '1',
    options.outputFileName ?? DEFAULT_COVER_OUTPUT,
  ]
}

/** What every command starts with: quiet, no prompts, overwrite, the inputs and the picture graph. */
function commonArgs(inputArgs: readonly string[], graph: { toString(): string }): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    ...inputArgs,
    '-filter_complex',
    graph.toString(),
    '-map',
    '[vout]',
  ]
}
