import {
  TimelineError,
  canvasSize,
  compileFfmpeg,
  compileFfmpegAudio,
  compileFfmpegSplit,
  compileMux,
  h264Level,
  timelineDurationMs,
  validateTimeline,
  type MediaInfo,
  type MediaInfoMap,
  type TextImageMap,
  type Timeline,
  type X264Preset,
} from '../../../../shared/timeline'
import type { TextImageFile } from './text-images'
import type { ExportQuality } from './webcodecs/quality'
import { avcCodecString, h264Bitrate } from './encode-protocol'
import { ExportError } from './export-error'
import { applyThreadPlan, countInputs, planThreads } from './thread-plan'
import {
  ENCODED_DIR,
  FONT_DIR,
  FRAMES_DEVICE,
  SOUND_DEVICE,
  INPUT_DIR,
  LUT_DIR,
  OUTPUT_DIR,
  type InputFile,
  type ResourceFile,
} from './worker-protocol'

/** One media file of a job: the user's file and what was probed from it at import. */
export interface MediaSource {
  readonly file: Blob
  /** What the user calls it (errors name it); defaults to File.name, then the media id. */
  readonly name?: string
  readonly info: Omit<MediaInfo, 'fileName'>
}

export interface RenderJob {
  /** A timeline document (validated here; defaults are filled in). */
  readonly timeline: unknown
  /** mediaId → source. Only the media the timeline uses are read. */
  readonly media: Readonly<Record<string, MediaSource>>
}

export interface ExportJob extends RenderJob {
  /** x264 settings by name: the job then runs on ffmpeg.wasm with x264. */
  readonly preset?: X264Preset
  readonly crf?: number
  /** File size against quality for the browser's encoder (the default: balanced). */
  readonly quality?: ExportQuality
}

/** Shipped fonts and LUTs: file name → URL on the app's origin. */
export interface ResourceUrls {
  readonly fonts: ReadonlyMap<string, string>
  readonly luts: ReadonlyMap<string, string>
}

export interface PreparedRun {
  readonly args: string[]
  readonly inputs: InputFile[]
  readonly resources: ResourceFile[]
  readonly outputPath: string
  /** ffmpeg FS path → the user's name for it, for error messages. */
  readonly names: ReadonlyMap<string, string>
  readonly durationMs: number
  readonly frames: number
  /** Which core runs it: multi-thread unless not allowed or the job has too many inputs. */
  readonly multiThread: boolean
  /** Set when WebCodecs encodes the picture (see compileFfmpegSplit); x264 in wasm otherwise. */
  readonly split?: PreparedSplit
}

export interface PreparedSplit {
  readonly framesPath: string
  readonly audioPath: string
  readonly videoPath: string
  readonly muxArgs: string[]
  /** The encoder's settings. */
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly codec: string
  readonly bitrate: number
}

/** What the page can offer the run. */
export interface Runtime {
  /** The page is crossOriginIsolated (SharedArrayBuffer) and the MT core is wanted. */
  readonly multiThread: boolean
  readonly cores: number
  /**
   * The browser can encode H.264 itself (WebCodecs) and share memory with workers: the picture
   * is then encoded there, several times faster than x264 compiled to wasm.
   */
  readonly webCodecs: boolean
}

/**
 * `-progress pipe:1` makes ffmpeg write machine-readable progress to stdout, which the wasm core
 * forwards line by line; -nostats drops the \r-redrawn stats line nobody reads.
 */
const PROGRESS_ARGS = ['-nostats', '-progress', 'pipe:1']

export function prepareExport(
  job: ExportJob,
  resources: ResourceUrls,
  runtime: Runtime,
  texts: readonly TextImageFile[] = [],
): PreparedRun {
  const timeline = parse(job.timeline)
  const media = mountMedia(timeline, job.media)
  const textImages = mountTexts(texts, media.inputs)
  const outputPath = `${OUTPUT_DIR}/export.mp4`
  const durationMs = timelineDurationMs(timeline)
  // An x264 preset or quality asked for by name means x264.
  const split = runtime.webCodecs && job.preset === undefined && job.crf === undefined
  const dirs = { fontDir: FONT_DIR, lutDir: LUT_DIR, textImages }
  let prepared: { args: string[]; split?: PreparedSplit }
  if (split) {
    const { width, height } = canvasSize(timeline.canvas)
    const level = h264Level(width, height, timeline.fps)
    const audioPath = `${OUTPUT_DIR}/sound.m4a`
    const videoPath = `${ENCODED_DIR}/video.h264`
    prepared = {
      args: compile(() =>
        compileFfmpegSplit(timeline, media.info, {
          ...dirs,
          framesFileName: FRAMES_DEVICE,
          audioFileName: audioPath,
        }),
      ),
      split: {
        framesPath: FRAMES_DEVICE,
        audioPath,
        videoPath,
        muxArgs: compileMux({
          videoFileName: videoPath,
          audioFileName: audioPath,
          fps: timeline.fps,
          durationMs,
          level,
          outputFileName: outputPath,
        }),
        width,
        height,
        fps: timeline.fps,
        codec: avcCodecString(level),
        bitrate: h264Bitrate(width, height, timeline.fps),
      },
    }
  } else {
    prepared = {
      args: compile(() =>
        compileFfmpeg(timeline, media.info, {
          ...dirs,
          ...(job.preset ? { preset: job.preset } : {}),
          ...(job.crf !== undefined ? { crf: job.crf } : {}),
          outputFileName: outputPath,
        }),
      ),
    }
  }
  return {
    ...fitThreads([...PROGRESS_ARGS, ...prepared.args], runtime),
    ...(prepared.split ? { split: prepared.split } : {}),
    inputs: media.inputs,
    resources: neededResources(timeline, resources, textImages),
    outputPath,
    names: media.names,
    durationMs,
    frames: Math.round((durationMs * timeline.fps) / 1000),
  }
}

/**
 * The sound of a WebCodecs export: the compiled audio graph, AAC written as ADTS frames to the
 * sound device (sound-device.ts), which streams them to the muxer as they are made — so the
 * muxer writes the picture from the first frame instead of holding every packet until a whole
 * sound file exists (for a 10-minute export, most of its video: e2e/export-memory.e2e.test.ts).
 * Always the single-thread core: the multi-thread one starts 32 pthread workers before it runs
 * anything, which on two cores took CPU from the picture's three workers for over a second
 * (bench:export ratio 1.15 → 0.75), and a sound needs no threads.
 */
export function prepareAudio(job: RenderJob): PreparedRun {
  const timeline = parse(job.timeline)
  const media = mountMedia(timeline, job.media)
  const durationMs = timelineDurationMs(timeline)
  const args = compile(() =>
    compileFfmpegAudio(timeline, media.info, { audioFileName: SOUND_DEVICE, format: 'adts' }),
  )
  return {
    args: [...PROGRESS_ARGS, ...args],
    multiThread: false,
    inputs: media.inputs,
    resources: [],
    outputPath: SOUND_DEVICE,
    names: media.names,
    durationMs,
    frames: Math.round((durationMs * timeline.fps) / 1000),
  }
}

/** Text pictures join the WORKERFS inputs; the compiler overlays them where drawtext would draw. */
function mountTexts(texts: readonly TextImageFile[], inputs: InputFile[]): TextImageMap {
  const map: Record<string, { fileName: string; x: number; y: number }> = {}
  texts.forEach((text, index) => {
    const name = `text${index}.png`
    inputs.push({ name, data: text.png })
    map[text.textId] = { fileName: `${INPUT_DIR}/${name}`, x: text.x, y: text.y }
  })
  return map
}

/** Thread limits for the MT core, or the ST core when the job has too many inputs for it. */
function fitThreads(args: string[], runtime: Runtime): { args: string[]; multiThread: boolean } {
  if (!runtime.multiThread) return { args, multiThread: false }
  const plan = planThreads(countInputs(args), runtime.cores)
  return plan
    ? { args: applyThreadPlan(args, plan), multiThread: true }
    : { args, multiThread: false }
}

function parse(input: unknown): Timeline {
  const result = validateTimeline(input)
  if (!result.ok)
    throw new ExportError('invalid-timeline', `The timeline is invalid: ${result.error}`)
  return result.timeline
}

function compile(run: () => string[]): string[] {
  try {
    return run()
  } catch (error) {
    if (error instanceof TimelineError) throw new ExportError('invalid-timeline', error.message)
    throw error
  }
}

/** Media ids the timeline reads, in a stable order. */
export function usedMediaIds(timeline: Timeline): string[] {
  const ids = [
    ...timeline.clips.map((c) => c.mediaId),
    ...timeline.overlays.map((o) => o.mediaId),
    ...timeline.images.map((i) => i.mediaId),
    ...(timeline.audio.music ? [timeline.audio.music.mediaId] : []),
  ]
  return [...new Set(ids)]
}

/**
 * Gives each used media file a plain name in the WORKERFS mount (the user's file names may hold
 * anything; ffmpeg only needs the extension as a hint) and builds the compiler's media map.
 */
function mountMedia(timeline: Timeline, sources: Readonly<Record<string, MediaSource>>) {
  const info: Record<string, MediaInfo> = {}
  const inputs: InputFile[] = []
  const names = new Map<string, string>()
  usedMediaIds(timeline).forEach((mediaId, index) => {
    const source = Object.hasOwn(sources, mediaId) ? sources[mediaId] : undefined
    if (!source) {
      throw new ExportError('invalid-input', `The file for media "${mediaId}" was not provided.`)
    }
    const display = source.name ?? (source.file instanceof File ? source.file.name : mediaId)
    const name = `m${index}${extensionOf(display)}`
    inputs.push({ name, data: source.file })
    info[mediaId] = { ...source.info, fileName: `${INPUT_DIR}/${name}` }
    names.set(`${INPUT_DIR}/${name}`, display)
  })
  const map: MediaInfoMap = info
  return { info: map, inputs, names }
}

export function extensionOf(name: string): string {
  const match = /\.[A-Za-z0-9]{1,8}$/.exec(name)
  return match ? match[0].toLowerCase() : ''
}

/** Only the fonts and LUTs this timeline uses are fetched and written to the wasm FS. */
export function neededResources(
  timeline: Timeline,
  urls: ResourceUrls,
  textImages: TextImageMap = {},
): ResourceFile[] {
  // Texts that come as pictures need no font inside ffmpeg.
  const fonts = new Set(
    timeline.texts.filter((t) => !Object.hasOwn(textImages, t.id)).map((t) => t.font),
  )
  const luts = new Set(
    [...timeline.effects, ...timeline.clips.flatMap((c) => c.effects)].flatMap((e) =>
      e.type === 'lut' ? [e.file] : [],
    ),
  )
  const pick = (
    names: Set<string>,
    available: ReadonlyMap<string, string>,
    dir: string,
    what: string,
  ) =>
    [...names].map((name): ResourceFile => {
      const url = available.get(name)
      if (!url) {
        const list = [...available.keys()].join(', ') || 'none'
        throw new ExportError(
          'missing-resource',
          `The ${what} "${name}" is not available (available: ${list}).`,
        )
      }
      return { path: `${dir}/${name}`, url }
    })
  return [...pick(fonts, urls.fonts, FONT_DIR, 'font'), ...pick(luts, urls.luts, LUT_DIR, 'LUT')]
}
