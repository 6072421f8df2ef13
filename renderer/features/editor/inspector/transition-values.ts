import {
  MAX_TRANSITION_MS,
  MIN_TRANSITION_MS,
  type SLIDE_DIRECTIONS,
  type Clip,
  type Timeline,
  type Transition,
} from '../../../../shared/timeline/model'
import { clipDurationMs } from '../../../../shared/timeline/time'

export const TRANSITION_KINDS = ['none', 'crossfade', 'slide'] as const
export type TransitionKind = (typeof TRANSITION_KINDS)[number]
export type SlideDirection = (typeof SLIDE_DIRECTIONS)[number]

/** What a new transition lasts when the clips have room for it. */
export const DEFAULT_TRANSITION_MS = 500

export function transitionKind(clip: Pick<Clip, 'transitionOut'>): TransitionKind {
  return clip.transitionOut?.type ?? 'none'
}

/**
 * The longest transition from this clip into the next that the model accepts: both clips must
 * keep room after their other transitions (the same rule as the model's checkTransitions), and
 * no transition is longer than MAX_TRANSITION_MS. Null when the clip is last or unknown.
 */
export function maxTransitionMs(timeline: Pick<Timeline, 'clips'>, clipId: string): number | null {
  const index = timeline.clips.findIndex((c) => c.id === clipId)
  const clip = timeline.clips[index]
  const next = timeline.clips[index + 1]
  if (!clip || !next) return null
  const incoming = timeline.clips[index - 1]?.transitionOut?.durationMs ?? 0
  const room = clipDurationMs(clip) - incoming
  const nextRoom = clipDurationMs(next) - (next.transitionOut?.durationMs ?? 0)
  return Math.max(0, Math.min(MAX_TRANSITION_MS, Math.floor(Math.min(room, nextRoom))))
}

/**
 * The transition the controls describe, or null for none. A new one gets the default length,
 * shortened to what the clips allow; when even MIN_TRANSITION_MS does not fit it is kept at the
 * minimum so that the model refuses it and says why.
 */
export function buildTransition(
  kind: TransitionKind,
  current: Transition | undefined,
  limitMs: number,
  change: { durationMs?: number; direction?: SlideDirection } = {},
): Transition | null {
  if (kind === 'none') return null
  const fallback = Math.max(MIN_TRANSITION_MS, Math.min(DEFAULT_TRANSITION_MS, limitMs))
  const durationMs = Math.round(change.durationMs ?? current?.durationMs ?? fallback)
  if (kind === 'crossfade') return { type: 'crossfade', durationMs }
  const direction = change.direction ?? (current?.type === 'slide' ? current.direction : 'left')
  return { type: 'slide', direction, durationMs }
}

/** "Crossfade 0.5 s", "Slide left 1.2 s": how the timeline names a transition. */
export function describeTransition(transition: Transition): string {
  const seconds = `${Math.round(transition.durationMs / 100) / 10} s`
  return transition.type === 'crossfade'
    ? `Crossfade ${seconds}`
    : `Slide ${transition.direction} ${seconds}`
}
