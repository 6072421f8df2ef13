import { musicWindow } from './ffmpeg-audio'
import type { MediaInfoMap } from './media-info'
import type { Timeline } from './model'
import { planTimeline } from './render-plan'
import { planSound } from './sound-plan'
import { clipSpans } from './time'

/**
 * The preview's sound, as pieces of media laid on the timeline: the export's mix (sound-plan.ts
 * and ffmpeg-audio.ts) restated for a Web Audio graph. Every piece plays a stretch of one file at
 * a speed, at a gain that follows straight lines between points (the crossfades' triangular
 * curves and the music's fades are linear in amplitude), and all pieces are summed as they are,
 * as amix=normalize=0 does. Pure: the renderer turns a schedule into AudioBufferSourceNodes.
 */
export interface GainPoint {
  /** Timeline time. */
  readonly atMs: number
  readonly gain: number
}

export interface SoundPiece {
  readonly mediaId: string
  /** Where it sounds on the timeline: [startMs, endMs). */
  readonly startMs: number
  readonly endMs: number
  /** The source time heard at startMs; source time runs at `speed` × timeline time. */
  readonly sourceStartMs: number
  readonly speed: number
  /** The gain over the piece, linear between points, at least one point at startMs. */
  readonly gains: readonly GainPoint[]
  /** What it is, for tests and logs. */
  readonly kind: 'clip' | 'overlay' | 'music'
}

/** Every piece of the export's mix, in timeline order within each kind. */
export function previewSoundPieces(timeline: Timeline, media: MediaInfoMap): SoundPiece[] {
  if (timeline.clips.length === 0) return []
  const plan = planTimeline(timeline, media)
  const sound = planSound(timeline, media, plan)
  const pieces: SoundPiece[] = []
  const level = sound.originalVolume
  if (sound.main) {
    const spans = clipSpans(timeline)
    plan.clips.forEach((p, i) => {
      const span = spans[i]
      if (!span || !p.media.hasAudio || p.clip.muted) return
      // acrossfade c1=tri:c2=tri: the outgoing clip falls linearly to 0 over the overlap while
      // the incoming one rises from 0.
      const gains: GainPoint[] = [{ atMs: span.startMs, gain: span.transitionInMs > 0 ? 0 : level }]
      if (span.transitionInMs > 0)
        gains.push({ atMs: span.startMs + span.transitionInMs, gain: level })
      if (span.transitionOutMs > 0) {
        gains.push({ atMs: span.endMs - span.transitionOutMs, gain: level })
        gains.push({ atMs: span.endMs, gain: 0 })
      }
      pieces.push({
        kind: 'clip',
        mediaId: p.clip.mediaId,
        startMs: span.startMs,
        // The export pads or cuts a clip's sound to its span; a source that runs out is silence.
        endMs: Math.min(span.endMs, span.startMs + p.sourceDurationMs / p.clip.speed),
        sourceStartMs: p.sourceStartMs,
        speed: p.clip.speed,
        gains,
      })
    })
  }
  for (const o of sound.overlays) {
    pieces.push({
      kind: 'overlay',
      mediaId: o.overlay.mediaId,
      startMs: o.startMs,
      endMs: o.startMs + o.lengthMs,
      sourceStartMs: o.sourceStartMs,
      speed: o.speed,
      gains: [{ atMs: o.startMs, gain: level }],
    })
  }
  const music = timeline.audio.music
  const info = music && Object.hasOwn(media, music.mediaId) ? media[music.mediaId] : undefined
  if (music && info?.hasAudio && music.volume > 0 && music.inMs < info.durationMs) {
    const window = musicWindow(music, info, plan.durationMs)
    if (window) {
      const start = window.startMs
      const end = start + window.lengthMs
      const fadeIn = Math.min(music.fadeInMs, window.lengthMs)
      const fadeOut = Math.min(music.fadeOutMs, window.lengthMs)
      pieces.push({
        kind: 'music',
        mediaId: music.mediaId,
        startMs: start,
        endMs: end,
        sourceStartMs: music.inMs,
        speed: 1,
        gains: musicGains(start, end, fadeIn, fadeOut, music.volume),
      })
    }
  }
  return pieces
}

/** The music's level with its fades (afade multiplies the already-scaled level). */
function musicGains(
  start: number,
  end: number,
  fadeIn: number,
  fadeOut: number,
  volume: number,
): GainPoint[] {
  const envelope = (t: number) => {
    const rise = fadeIn > 0 ? Math.min(1, (t - start) / fadeIn) : 1
    const fall = fadeOut > 0 ? Math.min(1, (end - t) / fadeOut) : 1
    return volume * Math.max(0, Math.min(rise, fall))
  }
  const times = [start, start + fadeIn, end - fadeOut, end]
    .filter((t) => t >= start && t <= end)
    .sort((a, b) => a - b)
  const unique = times.filter((t, i) => i === 0 || t !== times[i - 1])
  return unique.map((atMs) => ({ atMs, gain: envelope(atMs) }))
}

/** The gain of a piece at a timeline time (linear between its points, held past the ends). */
export function gainAt(gains: readonly GainPoint[], atMs: number): number {
  const first = gains[0]
  if (!first) return 0
  if (atMs <= first.atMs) return first.gain
  for (let i = 1; i < gains.length; i++) {
    const a = gains[i - 1]
    const b = gains[i]
    if (!a || !b) break
    if (atMs <= b.atMs) {
      const span = b.atMs - a.atMs
      return span > 0 ? a.gain + ((b.gain - a.gain) * (atMs - a.atMs)) / span : b.gain
    }
  }
  return gains.at(-1)?.gain ?? 0
}

/** One piece as started from a playhead: what a source node is told. */
export interface ScheduledPiece {
  readonly piece: SoundPiece
  /** Delay after the start of playback, in timeline ms (0: at once). */
  readonly delayMs: number
  /** Where in the source to start, in source ms. */
  readonly offsetMs: number
  /** How long it sounds, in timeline ms. */
  readonly durationMs: number
  /** Gain points relative to the start of playback (atMs 0 = now), first one at delayMs. */
  readonly gains: readonly GainPoint[]
}

/**
 * What sounds when playback starts at `fromMs`: pieces that end after it, each starting either
 * now (part-way in, at the source time and gain due there) or later. Pieces shorter than a
 * millisecond left are dropped.
 */
export function scheduleFrom(pieces: readonly SoundPiece[], fromMs: number): ScheduledPiece[] {
  return pieces.flatMap((piece): ScheduledPiece[] => {
    const start = Math.max(piece.startMs, fromMs)
    if (piece.endMs - start < 1) return []
    const gains = [
      { atMs: start, gain: gainAt(piece.gains, start) },
      ...piece.gains.filter((g) => g.atMs > start && g.atMs <= piece.endMs),
    ].map((g) => ({ atMs: g.atMs - fromMs, gain: g.gain }))
    return [
      {
        piece,
        delayMs: start - fromMs,
        offsetMs: piece.sourceStartMs + (start - piece.startMs) * piece.speed,
        durationMs: piece.endMs - start,
        gains,
      },
    ]
  })
}

/**
 * swresample puts a mono source into both stereo channels at −3 dB (ffmpeg-audio.ts); Web Audio
 * copies it at full level, so the preview scales mono sources by this.
 */
export const MONO_TO_STEREO_GAIN = Math.SQRT1_2
