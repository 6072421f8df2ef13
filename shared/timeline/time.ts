import type { Clip, Timeline, Transition } from './model'

/**
 * Timeline ↔ source time. Clips play one after another; a clip's transition into the next makes
 * the two overlap by the transition's duration, so the next clip starts that much earlier.
 * The preview compositor and the ffmpeg compiler both place clips with these functions.
 */

/** How long the clip plays on the timeline, overlaps included: source length ÷ speed. */
export function clipDurationMs(clip: Pick<Clip, 'inMs' | 'outMs' | 'speed'>): number {
  return (clip.outMs - clip.inMs) / clip.speed
}

export interface ClipSpan {
  readonly clipId: string
  readonly index: number
  /** [startMs, endMs) on the timeline, overlaps included. */
  readonly startMs: number
  readonly endMs: number
  /** Overlap with the previous / next clip (0 without a transition). */
  readonly transitionInMs: number
  readonly transitionOutMs: number
}

export function clipSpans(timeline: Pick<Timeline, 'clips'>): ClipSpan[] {
  const spans: ClipSpan[] = []
  let startMs = 0
  let transitionInMs = 0
  timeline.clips.forEach((clip, index) => {
    const endMs = startMs + clipDurationMs(clip)
    const hasNext = index < timeline.clips.length - 1
    const transitionOutMs = hasNext ? (clip.transitionOut?.durationMs ?? 0) : 0
    spans.push({ clipId: clip.id, index, startMs, endMs, transitionInMs, transitionOutMs })
    startMs = endMs - transitionOutMs
    transitionInMs = transitionOutMs
  })
  return spans
}

/** The length of the rendered video. */
export function timelineDurationMs(timeline: Pick<Timeline, 'clips'>): number {
  const spans = clipSpans(timeline)
  return spans.at(-1)?.endMs ?? 0
}

/** Source time in the clip's media for a timeline time inside its span. */
export function sourceTimeMs(clip: Clip, span: ClipSpan, atMs: number): number {
  return clip.inMs + (atMs - span.startMs) * clip.speed
}

export interface ClipSample {
  readonly clip: Clip
  readonly span: ClipSpan
  readonly sourceMs: number
}

export interface ClipAtTime extends ClipSample {
  /** Set while this clip is transitioning into the next one. */
  readonly transition?: {
    readonly spec: Transition
    /** 0 at the start of the overlap, towards 1 at its end. */
    readonly progress: number
    readonly incoming: ClipSample
  }
}

/**
 * What plays at a timeline time: the clip (the outgoing one during a transition, with the
 * incoming one alongside), and the source time to decode. Null before 0 and from the end on.
 */
export function clipAtTime(timeline: Pick<Timeline, 'clips'>, atMs: number): ClipAtTime | null {
  if (!Number.isFinite(atMs) || atMs < 0) return null
  const spans = clipSpans(timeline)
  const index = spans.findIndex((span) => atMs >= span.startMs && atMs < span.endMs)
  const span = spans[index]
  const clip = timeline.clips[index]
  if (!span || !clip) return null
  const sample: ClipSample = { clip, span, sourceMs: sourceTimeMs(clip, span, atMs) }
  const nextSpan = spans[index + 1]
  const next = timeline.clips[index + 1]
  const spec = clip.transitionOut
  if (!spec || !next || !nextSpan || atMs < nextSpan.startMs) return sample
  return {
    ...sample,
    transition: {
      spec,
      progress: (atMs - nextSpan.startMs) / span.transitionOutMs,
      incoming: { clip: next, span: nextSpan, sourceMs: sourceTimeMs(next, nextSpan, atMs) },
    },
  }
}
