import { z } from 'zod'
import { DEFAULT_CANVAS, DEFAULT_FPS, canvasPresetSchema, fpsSchema } from './canvas'
import { effectSchema } from './effects'

/**
 * The timeline: a JSON document (stored in RxDB, synced, compiled to ffmpeg args) validated by
 * zod. All times are milliseconds; clip in/out are *source* times, everything else is *timeline*
 * time. Positions are fractions of the canvas (0..1) so a timeline survives a canvas change.
 */

/** An OFL font shipped in resources/fonts; text overlays use it unless they name another. */
export const DEFAULT_FONT = 'Inter-Bold.otf'
/**
 * 2 added music timing (startMs/endMs) and overlay video tracks; 3 added overlay sound (`muted`
 * per overlay: overlays are heard in the export). Older documents are read as the current
 * version (every new field has a default that means what the older version did: an overlay of
 * version 2 plays its sound, as its preview did), so old projects open unchanged; an older app
 * opening a newer document says it needs a newer version instead of refusing a field it does
 * not know.
 */
export const TIMELINE_VERSION = 3
/** Overlay video tracks above the main track (picture-in-picture, B-roll over a talking head). */
export const MAX_OVERLAY_TRACKS = 3
export const MIN_SPEED = 0.25
export const MAX_SPEED = 4
/** Shorter clips are a mis-click, and xfade/acrossfade need a few frames to work with. */
export const MIN_CLIP_MS = 100
export const MIN_TRANSITION_MS = 100
export const MAX_TRANSITION_MS = 5000

/**
 * A refused edit or an invalid timeline. `message` names the operation and the detail (for logs
 * and tests); `userMessage` says the same in plain words for the person editing, without
 * function names or ids.
 */
export class TimelineError extends Error {
  readonly userMessage: string
  constructor(message: string, userMessage?: string) {
    super(message)
    this.name = 'TimelineError'
    this.userMessage = userMessage ?? plainWords(message)
  }
}

/** Capitalised, with a full stop: how a sentence shown to a person reads. */
export function sentence(text: string): string {
  const trimmed = text.trim()
  if (!trimmed) return trimmed
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?…]$/.test(first) ? first : `${first}.`
}

/** A developer message ("op: path: problem") reduced to its last part, as a sentence. */
function plainWords(message: string): string {
  const last = message.split(/:\s+/).at(-1) ?? message
  return sentence(last)
}

export const idSchema = z
  .string({ error: 'ids are strings' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, "_" or "-"')
const msSchema = z
  .number({ error: 'times are numbers of milliseconds' })
  .finite('times must be finite')
  .min(0, 'times cannot be negative')
const unit = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .min(0, `${name} must be between 0 and 1 (a fraction of the canvas)`)
    .max(1, `${name} must be between 0 and 1 (a fraction of the canvas)`)
const volumeSchema = z
  .number({ error: 'volume must be a number' })
  .min(0, 'volume must be between 0 and 2 (1 = unchanged)')
  .max(2, 'volume must be between 0 and 2 (1 = unchanged)')
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colors are written #rrggbb')
/** Font files are plain names inside resources/fonts: no path separators, so no traversal. */
export const fontFileSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}\.(ttf|otf)$/i, 'a font is a .ttf/.otf file name')

export const speedSchema = z
  .number({ error: 'speed must be a number' })
  .min(MIN_SPEED, `speed must be between ${MIN_SPEED}× and ${MAX_SPEED}×`)
  .max(MAX_SPEED, `speed must be between ${MIN_SPEED}× and ${MAX_SPEED}×`)

/** A region of the source, in fractions of its (rotated, displayed) width and height. */
export const cropRectSchema = z
  .strictObject({
    x: unit('crop x'),
    y: unit('crop y'),
    width: unit('crop width').refine((v) => v > 0, 'crop width must be above 0'),
    height: unit('crop height').refine((v) => v > 0, 'crop height must be above 0'),
  })
  .refine((r) => r.x + r.width <= 1 + 1e-9 && r.y + r.height <= 1 + 1e-9, {
    error: 'the crop rectangle must lie inside the source',
  })

const transitionDurationSchema = z
  .number({ error: 'transition duration must be a number' })
  .min(MIN_TRANSITION_MS, `transitions last ${MIN_TRANSITION_MS}–${MAX_TRANSITION_MS} ms`)
  .max(MAX_TRANSITION_MS, `transitions last ${MIN_TRANSITION_MS}–${MAX_TRANSITION_MS} ms`)
export const SLIDE_DIRECTIONS = ['left', 'right', 'up', 'down'] as const
export const transitionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('crossfade'), durationMs: transitionDurationSchema }),
  z.strictObject({
    type: z.literal('slide'),
    /** The way the pictures move: 'left' means the next clip enters from the right. */
    direction: z.enum(SLIDE_DIRECTIONS, { error: 'slide direction is left, right, up or down' }),
    durationMs: transitionDurationSchema,
  }),
])

export const FIT_MODES = ['fit', 'fill', 'crop'] as const
export const clipSchema = z
  .strictObject({
    id: idSchema,
    mediaId: idSchema,
    /** Source trim: the part of the media file this clip plays. */
    inMs: msSchema,
    outMs: msSchema,
    speed: speedSchema.default(1),
    /** fit: whole picture, letterboxed; fill: cover the canvas; crop: cover it with `crop`. */
    fit: z.enum(FIT_MODES, { error: 'fit is fit, fill or crop' }).default('fill'),
    crop: cropRectSchema.optional(),
    /** Where the picture's centre sits on the canvas, and a zoom on top of the fit. */
    position: z.strictObject({ x: unit('position x'), y: unit('position y') }).default({
      x: 0.5,
      y: 0.5,
    }),
    scale: z
      .number({ error: 'scale must be a number' })
      .min(0.1, 'scale must be between 0.1 and 10')
      .max(10, 'scale must be between 0.1 and 10')
      .default(1),
    /** Silences this clip's own sound (music is unaffected). */
    muted: z.boolean().default(false),
    effects: z.array(effectSchema).max(32, 'at most 32 effects per clip').default([]),
    /** The transition into the next clip; the two clips overlap by its duration. */
    transitionOut: transitionSchema.optional(),
  })
  .superRefine((clip, ctx) => {
    if (clip.outMs <= clip.inMs) {
      ctx.addIssue({ code: 'custom', path: ['outMs'], message: 'outMs must be after inMs' })
    } else if ((clip.outMs - clip.inMs) / clip.speed < MIN_CLIP_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['outMs'],
        message: `a clip lasts at least ${MIN_CLIP_MS} ms on the timeline`,
      })
    }
    if (clip.fit === 'crop' && !clip.crop) {
      ctx.addIssue({ code: 'custom', path: ['crop'], message: 'fit "crop" needs a crop rectangle' })
    }
  })

const timedSchema = { startMs: msSchema, endMs: msSchema }
const endAfterStart = (o: { startMs: number; endMs: number }) => o.endMs > o.startMs
const endAfterStartError = { error: 'endMs must be after startMs', path: ['endMs'] }

export const textOverlaySchema = z
  .strictObject({
    id: idSchema,
    text: z
      .string()
      .min(1, 'text cannot be empty')
      .max(500, 'text is at most 500 characters')
      .refine((s) => !s.includes('\0'), 'text cannot contain NUL characters'),
    font: fontFileSchema.default(DEFAULT_FONT),
    /** Font size in canvas pixels. */
    size: z.number().min(8, 'size is 8–400 px').max(400, 'size is 8–400 px').default(72),
    color: colorSchema.default('#ffffff'),
    outlineColor: colorSchema.default('#000000'),
    outlineWidth: z.number().min(0, 'outline is 0–20 px').max(20, 'outline is 0–20 px').default(0),
    /** Centre of the text block, in fractions of the canvas. */
    x: unit('x').default(0.5),
    y: unit('y').default(0.5),
    ...timedSchema,
  })
  .refine(endAfterStart, endAfterStartError)

export const imageOverlaySchema = z
  .strictObject({
    id: idSchema,
    mediaId: idSchema,
    /** Centre of the image and its width, in fractions of the canvas (height keeps aspect). */
    x: unit('x').default(0.5),
    y: unit('y').default(0.5),
    width: z
      .number()
      .min(0.01, 'width is 0.01–1 of the canvas')
      .max(1, 'width is 0.01–1 of the canvas')
      .default(0.25),
    opacity: z.number().min(0, 'opacity is 0–1').max(1, 'opacity is 0–1').default(1),
    ...timedSchema,
  })
  .refine(endAfterStart, endAfterStartError)

export const musicSchema = z.strictObject({
  mediaId: idSchema,
  /** Where in the music file the music's start (startMs on the timeline) falls. */
  inMs: msSchema.default(0),
  /** When the music starts on the timeline. */
  startMs: msSchema.default(0),
  /** When it stops; null = when the video (or the music file) ends. */
  endMs: msSchema.nullable().default(null),
  volume: volumeSchema.default(1),
  fadeInMs: msSchema.default(0),
  fadeOutMs: msSchema.default(0),
})

export const audioSchema = z.strictObject({
  music: musicSchema.optional(),
  /** Level of the clips' own sound, 0..2 (1 = as recorded). */
  originalVolume: volumeSchema.default(1),
  muteOriginal: z.boolean().default(false),
})

/**
 * A video on an overlay track: picture-in-picture, or B-roll over the main track. Placed at a
 * timeline time (overlays do not push the main track around), centred on (x, y), `width` a
 * fraction of the canvas width (height keeps the aspect). Its sound is mixed with the main track's
 * at the project's original-sound level, unless muted.
 */
export const overlayClipSchema = z
  .strictObject({
    id: idSchema,
    mediaId: idSchema,
    track: z
      .int({ error: 'track is a whole number' })
      .min(1, `overlay tracks are 1–${MAX_OVERLAY_TRACKS}`)
      .max(MAX_OVERLAY_TRACKS, `overlay tracks are 1–${MAX_OVERLAY_TRACKS}`)
      .default(1),
    startMs: msSchema,
    inMs: msSchema,
    outMs: msSchema,
    speed: speedSchema.default(1),
    x: unit('x').default(0.5),
    y: unit('y').default(0.5),
    width: z
      .number()
      .min(0.05, 'width is 0.05–1 of the canvas')
      .max(1, 'width is 0.05–1 of the canvas')
      .default(0.5),
    opacity: z.number().min(0, 'opacity is 0–1').max(1, 'opacity is 0–1').default(1),
    /** Silences this overlay's own sound (the main track and music are unaffected). */
    muted: z.boolean().default(false),
  })
  .superRefine((clip, ctx) => {
    if (clip.outMs <= clip.inMs) {
      ctx.addIssue({ code: 'custom', path: ['outMs'], message: 'outMs must be after inMs' })
    } else if ((clip.outMs - clip.inMs) / clip.speed < MIN_CLIP_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['outMs'],
        message: `a clip lasts at least ${MIN_CLIP_MS} ms on the timeline`,
      })
    }
  })

/** A shop product shown from this point of the video (tagging is done by the platform). */
export const productMarkerSchema = z.strictObject({
  id: idSchema,
  productId: z.string().min(1, 'productId cannot be empty').max(128),
  atMs: msSchema,
})

export const timelineSchema = z
  .strictObject({
    version: z
      .union([z.literal(1), z.literal(2), z.literal(TIMELINE_VERSION)], {
        error: `this project was saved by a newer version of Reeldesk (timeline version must be 1–${TIMELINE_VERSION})`,
      })
      .transform((): typeof TIMELINE_VERSION => TIMELINE_VERSION),
    canvas: canvasPresetSchema.default(DEFAULT_CANVAS),
    fps: fpsSchema.default(DEFAULT_FPS),
    clips: z.array(clipSchema).max(1000).default([]),
    texts: z.array(textOverlaySchema).max(200).default([]),
    images: z.array(imageOverlaySchema).max(200).default([]),
    /** Videos on the overlay tracks, in no particular order (their track and time place them). */
    overlays: z.array(overlayClipSchema).max(200).default([]),
    /** Applied to the whole picture after transitions and before text and images. */
    effects: z.array(effectSchema).max(32).default([]),
    audio: audioSchema.default({ originalVolume: 1, muteOriginal: false }),
    markers: z.array(productMarkerSchema).max(200).default([]),
  })
  .superRefine((t, ctx) => {
    const unique = (items: readonly { id: string }[], key: string, what: string) => {
      const seen = new Set<string>()
      items.forEach((item, i) => {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i, 'id'],
            message: `duplicate ${what} id "${item.id}"`,
          })
        }
        seen.add(item.id)
      })
    }
    unique(t.clips, 'clips', 'clip')
    unique(t.texts, 'texts', 'text')
    unique(t.images, 'images', 'image')
    unique(t.markers, 'markers', 'marker')
    unique(t.overlays, 'overlays', 'overlay')
    if (
      t.audio.music &&
      t.audio.music.endMs !== null &&
      t.audio.music.endMs <= t.audio.music.startMs
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['audio', 'music', 'endMs'],
        message: 'the music must end after it starts',
      })
    }
    checkTransitions(t.clips, ctx)
  })

/** Each transition needs a next clip, and overlaps must fit inside both clips they join. */
function checkTransitions(clips: readonly Clip[], ctx: z.RefinementCtx): void {
  clips.forEach((clip, i) => {
    const t = clip.transitionOut
    if (!t) return
    const next = clips[i + 1]
    const path = ['clips', i, 'transitionOut']
    if (!next) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `clip "${clip.id}" is last: no clip to transition into`,
        params: { userMessage: 'the last clip has no next clip to transition into' },
      })
      return
    }
    const incoming = clips[i - 1]?.transitionOut?.durationMs ?? 0
    const room = (clip.outMs - clip.inMs) / clip.speed - incoming
    const nextRoom = (next.outMs - next.inMs) / next.speed - (next.transitionOut?.durationMs ?? 0)
    if (t.durationMs > room + 1e-6 || t.durationMs > nextRoom + 1e-6) {
      const limit = Math.max(0, Math.floor(Math.min(room, nextRoom)))
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'durationMs'],
        message: `the ${t.durationMs} ms transition between "${clip.id}" and "${next.id}" is longer than the clips allow (at most ${limit} ms)`,
        params: {
          userMessage: `this transition is longer than the two clips allow (at most ${(limit / 1000).toFixed(1)} s)`,
        },
      })
    }
  })
}

export type Clip = z.output<typeof clipSchema>
export type ClipInput = z.input<typeof clipSchema>
export type Transition = z.output<typeof transitionSchema>
export type CropRect = z.output<typeof cropRectSchema>
export type TextOverlay = z.output<typeof textOverlaySchema>
export type TextOverlayInput = z.input<typeof textOverlaySchema>
export type ImageOverlay = z.output<typeof imageOverlaySchema>
export type ImageOverlayInput = z.input<typeof imageOverlaySchema>
export type Music = z.output<typeof musicSchema>
export type MusicInput = z.input<typeof musicSchema>
export type ProductMarker = z.output<typeof productMarkerSchema>
export type OverlayClip = z.output<typeof overlayClipSchema>
export type OverlayClipInput = z.input<typeof overlayClipSchema>
export type Timeline = z.output<typeof timelineSchema>
export type TimelineInput = z.input<typeof timelineSchema>

/** "clips[2].speed: speed must be between 0.25× and 4×; …" — one line a UI can show. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
        .join('')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

/** Technical schema wording that reads oddly to a person, and what to say instead. */
const PLAIN_WORDS: readonly [RegExp, string][] = [
  [/^endMs must be after startMs$/, 'it must end after it starts'],
  [/^outMs must be after inMs$/, 'the end must come after the start'],
  [/^a clip lasts at least (\d+) ms on the timeline$/, 'a clip must last at least 0.1 s'],
  [/^times cannot be negative$/, 'times cannot be before the start of the video'],
  [/^productId cannot be empty$/, 'enter the product ID first: it cannot be empty'],
]

/** The issues of a refused timeline in plain words: no paths, no ids, each said once. */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const params = (issue as { params?: { userMessage?: unknown } }).params
    if (typeof params?.userMessage === 'string') return params.userMessage
    const known = PLAIN_WORDS.find(([pattern]) => pattern.test(issue.message))
    return known ? known[1] : issue.message
  })
  return [...new Set(lines)].map(sentence).join(' ')
}

/** Validates unknown JSON (a stored document, an IPC payload) and fills in defaults. */
export function parseTimeline(input: unknown): Timeline {
  const result = timelineSchema.safeParse(input)
  if (!result.success) {
    throw new TimelineError(
      `invalid timeline: ${formatIssues(result.error)}`,
      describeIssues(result.error),
    )
  }
  return result.data
}

export type TimelineValidation = { ok: true; timeline: Timeline } | { ok: false; error: string }

export function validateTimeline(input: unknown): TimelineValidation {
  const result = timelineSchema.safeParse(input)
  return result.success
    ? { ok: true, timeline: result.data }
    : { ok: false, error: formatIssues(result.error) }
}

/** A new, empty project (9:16, 30 fps unless told otherwise). */
export function createTimeline(
  init: Partial<Pick<TimelineInput, 'canvas' | 'fps'>> = {},
): Timeline {
  return parseTimeline({ version: TIMELINE_VERSION, ...init })
}
