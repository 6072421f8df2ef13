import { canvasSize } from './canvas'
import {
  clipAudioFilters,
  clipHasSound,
  joinAudio,
  mixFilters,
  musicFilters,
  musicWindow,
  overlaySoundFilters,
  silenceFilters,
} from './ffmpeg-audio'
import { num, sec } from './ffmpeg-escape'
import { FfmpegInputs } from './ffmpeg-inputs'
import type { TextImageMap } from './ffmpeg-overlays'
import { buildPicture, type PictureContext } from './ffmpeg-picture'
import { FilterGraph } from './filter-graph'
import { h264Level } from './h264-level'
import type { MediaInfoMap } from './media-info'
import { TimelineError, parseTimeline, type Timeline } from './model'
import { lookupMedia, planTimeline, type PlannedClip, type RenderPlan } from './render-plan'
import { planSound } from './sound-plan'
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

/** Where fonts and LUTs are, and the text overlays as pictures (see TextImageMap). */
export interface ResourceDirs {
  /** Directory of the ffmpeg FS holding resources/fonts and resources/luts. */
  readonly fontDir: string
  readonly lutDir: string
  /** Text overlays the app rendered to PNGs; drawtext draws any text not in it. */
  readonly textImages?: TextImageMap
}

export interface CompileOptions extends ResourceDirs {
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
  const preset = options.preset ?? DEFAULT_PRESET
  const crf = options.crf ?? DEFAULT_CRF
  if (!X264_PRESETS.includes(preset)) throw new TimelineError(`unknown x264 preset "${preset}"`)
  if (!Number.isInteger(crf) || crf < 0 || crf > 51) {
    throw new TimelineError(`crf must be an integer from 0 to 51 (got ${crf})`)
  }
  const edit = compileEdit(timelineInput, media, options)
  const { timeline, canvas } = edit
  return [
    ...edit.head,
    '-map',
    '[aout]',
    ...NO_METADATA,
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
    ...AAC_STEREO,
    ...FAST_START,
    '-t',
    sec(edit.totalMs),
    options.outputFileName ?? DEFAULT_OUTPUT,
  ]
}

export interface SplitOptions extends ResourceDirs {
  /** Where the raw I420 frames go (a device the external encoder reads from). */
  readonly framesFileName: string
  /** The AAC track, in an MP4/M4A container. */
  readonly audioFileName: string
}

/**
 * The same edit for an external H.264 encoder (the browser's WebCodecs one, far faster than
 * x264 compiled to wasm): the picture leaves as raw I420 frames at the canvas size and rate, the
 * sound as AAC in its own file; compileMux then puts the encoded video and the sound together.
 */
export function compileFfmpegSplit(
  timelineInput: Timeline,
  media: MediaInfoMap,
  options: SplitOptions,
): string[] {
  const edit = compileEdit(timelineInput, media, options)
  const duration = sec(edit.totalMs)
  return [
    ...edit.head,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(edit.timeline.fps),
    '-t',
    duration,
    // The frames go to a device node: opening it must not truncate (a device cannot be).
    '-truncate',
    '0',
    options.framesFileName,
    '-map',
    '[aout]',
    ...NO_METADATA,
    ...AAC_STEREO,
    '-t',
    duration,
    options.audioFileName,
  ]
}

export interface MuxOptions {
  /** An H.264 Annex B stream of exactly the edit's frames, no B-frames. */
  readonly videoFileName: string
  readonly audioFileName: string
  readonly fps: number
  readonly durationMs: number
  /** The level the stream is marked with (encoders may mark a lower one than the size needs). */
  readonly level: string
  readonly outputFileName?: string
}

/** The finished MP4 from an externally encoded picture and compileFfmpegSplit's sound. */
export function compileMux(options: MuxOptions): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    // A raw H.264 stream has no timestamps: the frame rate gives them.
    '-framerate',
    String(options.fps),
    '-f',
    'h264',
    '-i',
    options.videoFileName,
    '-i',
    options.audioFileName,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c',
    'copy',
    // level_idc is ten times the level ("4.0" → 40); a bare "4.0" would be read as level_idc 4.
    '-bsf:v',
    `h264_metadata=level=${Math.round(Number(options.level) * 10)}`,
    ...NO_METADATA,
    // The raw stream's timestamps land a hair early in a 1/1200000 track (0.099999 s, not 0.1),
    // enough for tools that pair frames by time to pair the wrong ones: 512 ticks a frame is
    // exact (and what ffmpeg picks itself for 30 fps).
    '-video_track_timescale',
    String(options.fps * 512),
    ...FAST_START,
    '-t',
    sec(options.durationMs),
    options.outputFileName ?? DEFAULT_OUTPUT,
  ]
}

// Phone footage carries GPS and device metadata; a public post should not.
const NO_METADATA = ['-map_metadata', '-1'] as const
// AAC at 192 kb/s with ffmpeg's 'fast' coder: its author made it the default in 2018 because
// twoloop "at higher bitrates sounds worse than the fast coder and needs quite a lot more CPU"
// (FFmpeg commit fcb681ac; the default later went back to twoloop). `npm run bench:sound`
// measures both on this machine: time, and SNR by band. With twoloop in ffmpeg.wasm, a long
// export's sound finished well after its picture.
export const AAC_STEREO = [
  '-c:a',
  'aac',
  '-aac_coder',
  'fast',
  '-b:a',
  '192k',
  '-ar',
  '48000',
  '-ac',
  '2',
] as const
// The index up front lets platforms and players start before the whole file has arrived.
const FAST_START = ['-movflags', '+faststart'] as const

interface CompiledEdit {
  readonly timeline: Timeline
  readonly canvas: { readonly width: number; readonly height: number }
  readonly totalMs: number
  /** Common arguments, the inputs, the filter graph, and `-map [vout]`. */
  readonly head: string[]
}

export interface AudioOptions {
  /** Where the AAC goes: an MP4/M4A file, or (format 'adts') a stream read as it is written. */
  readonly audioFileName: string
  /**
   * 'adts': bare AAC frames, each with its own small header, so a reader can take every packet
   * as soon as ffmpeg writes it (the WebCodecs export streams the sound into its muxer).
   */
  readonly format?: 'mp4' | 'adts'
}

/**
 * The sound alone, AAC 48 kHz stereo, exactly the edit's length: what the WebCodecs export muxes
 * beside its own picture. It is the very sound graph the ffmpeg export runs (atempo, crossfades,
 * amix without halving), so both engines sound the same; video streams are never decoded.
 */
export function compileFfmpegAudio(
  timelineInput: Timeline,
  media: MediaInfoMap,
  options: AudioOptions,
): string[] {
  const timeline = parseTimeline(timelineInput)
  const plan = planTimeline(timeline, media)
  const inputs = new FfmpegInputs()
  const graph = new FilterGraph()
  const clipInputs = new Map<PlannedClip, number>()
  const inputOf = (p: PlannedClip) => {
    const known = clipInputs.get(p)
    if (known !== undefined) return known
    const index = inputs.add(p.media.fileName, {
      startMs: p.sourceStartMs,
      durationMs: p.sourceDurationMs,
    })
    clipInputs.set(p, index)
    return index
  }
  buildSound(graph, inputs, plan, timeline, media, inputOf)
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    ...inputs.args,
    '-filter_complex',
    graph.toString(),
    '-map',
    '[aout]',
    ...NO_METADATA,
    ...AAC_STEREO,
    '-t',
    sec(plan.durationMs),
    ...(options.format === 'adts' ? ['-f', 'adts'] : []),
    options.audioFileName,
  ]
}

/** The inputs and the filter graph of an edit: [vout] is the picture, [aout] the sound. */
function compileEdit(
  timelineInput: Timeline,
  media: MediaInfoMap,
  dirs: ResourceDirs,
): CompiledEdit {
  const timeline = parseTimeline(timelineInput)
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
    fontDir: dirs.fontDir,
    lutDir: dirs.lutDir,
    ...(dirs.textImages ? { textImages: dirs.textImages } : {}),
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
  return { timeline, canvas, totalMs: total, head: commonArgs(inputs.args, graph) }
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
  const sound = planSound(timeline, media, plan)
  if (sound.main) {
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
  for (const overlay of sound.overlays) {
    const index = inputs.add(overlay.media.fileName, {
      startMs: overlay.sourceStartMs,
      durationMs: overlay.sourceDurationMs,
    })
    sources.push(
      graph.add(
        [`${index}:a`],
        overlaySoundFilters(overlay, sound.originalVolume, plan.durationMs),
        graph.label('v'),
      ),
    )
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
    const window = musicWindow(music, info, plan.durationMs)
    if (window) {
      const index = inputs.add(info.fileName, { startMs: music.inMs, durationMs: window.lengthMs })
      sources.push(
        graph.add([`${index}:a`], musicFilters(music, info, plan.durationMs), graph.label('m')),
      )
    }
  }
  if (sources.length === 0) {
    graph.add([], silenceFilters(plan.durationMs), 'aout')
  } else {
    graph.add(sources, mixFilters(sources.length), 'aout')
  }
}

export interface CoverOptions extends ResourceDirs {
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
    ...(options.textImages ? { textImages: options.textImages } : {}),
  }
  const visible = (item: { startMs: number; endMs: number }) =>
    at >= item.startMs && at < item.endMs ? null : undefined
  const picture = buildPicture(graph, inputs, [planned], ctx, visible, () => input, at)
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
