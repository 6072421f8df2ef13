import type { MediaInfo, MediaInfoMap } from './media-info'
import { TimelineError, type Clip, type Timeline, type Transition } from './model'
import { clipSpans } from './time'

/**
 * A timeline resolved against its media, with every clip's boundaries on the frame grid.
 * Boundaries are rounded one by one from exact timeline times (not durations summed), so
 * rounding never accumulates: clip k starts on frame round(start·fps) however long the edit.
 * Audio keeps exact millisecond lengths; it is sample-accurate and drifts by < ½ frame at most.
 */
export interface PlannedTransition {
  readonly spec: Transition
  readonly durationMs: number
  /** Frame of the joined stream where the next clip starts, and the overlap in frames. */
  readonly offsetFrame: number
  readonly frames: number
}

export interface PlannedClip {
  readonly clip: Clip
  readonly media: MediaInfo
  readonly sourceStartMs: number
  readonly sourceDurationMs: number
  /** Exact length on the timeline (audio) and its length in frames (video). */
  readonly durationMs: number
  readonly frames: number
  readonly transitionOut?: PlannedTransition
}

export interface RenderPlan {
  readonly clips: readonly PlannedClip[]
  readonly durationMs: number
}

/** Media durations from probing are container-level and can be a little short of the stream. */
const MEDIA_END_TOLERANCE_MS = 100

export function lookupMedia(media: MediaInfoMap, mediaId: string, usedBy: string): MediaInfo {
  const info = Object.hasOwn(media, mediaId) ? media[mediaId] : undefined
  if (!info) throw new TimelineError(`${usedBy} uses media "${mediaId}", which has no media info`)
  return info
}

export function planTimeline(timeline: Timeline, media: MediaInfoMap): RenderPlan {
  if (timeline.clips.length === 0) throw new TimelineError('the timeline has no clips to render')
  const frameAt = (ms: number) => Math.round((ms * timeline.fps) / 1000)
  const spans = clipSpans(timeline)
  const clips = timeline.clips.map((clip, i): PlannedClip => {
    const span = spans[i]
    if (!span) throw new TimelineError(`clip "${clip.id}" has no span`)
    const info = checkClipMedia(clip, media)
    const next = spans[i + 1]
    const startFrame = frameAt(span.startMs)
    const endFrame = frameAt(span.endMs)
    const planned: PlannedClip = {
      clip,
      media: info,
      sourceStartMs: clip.inMs,
      sourceDurationMs: clip.outMs - clip.inMs,
      durationMs: span.endMs - span.startMs,
      frames: endFrame - startFrame,
    }
    if (!clip.transitionOut || !next) return planned
    const offsetFrame = frameAt(next.startMs)
    return {
      ...planned,
      transitionOut: {
        spec: clip.transitionOut,
        durationMs: span.transitionOutMs,
        offsetFrame,
        frames: endFrame - offsetFrame,
      },
    }
  })
  return { clips, durationMs: spans.at(-1)?.endMs ?? 0 }
}

function checkClipMedia(clip: Clip, media: MediaInfoMap): MediaInfo {
  const info = lookupMedia(media, clip.mediaId, `clip "${clip.id}"`)
  if (info.durationMs === 0) {
    throw new TimelineError(
      `clip "${clip.id}": media "${clip.mediaId}" is a still image, not a video`,
    )
  }
  if (clip.outMs > info.durationMs + MEDIA_END_TOLERANCE_MS) {
    throw new TimelineError(
      `clip "${clip.id}" ends at ${clip.outMs} ms but media "${clip.mediaId}" is only ${info.durationMs} ms long`,
    )
  }
  return info
}
