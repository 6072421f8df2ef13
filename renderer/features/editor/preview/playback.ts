/**
 * Preview playback as a pure state machine: the clock is passed in (performance.now() in the
 * app, numbers in tests), so play/pause/seek/step are deterministic and testable. Time is kept
 * as an anchor (wall clock ↔ timeline time) while playing, so dropped frames never slow it down.
 */
export interface PlaybackState {
  readonly playing: boolean
  /** Timeline time at `anchorWallMs` (while playing) or the paused position. */
  readonly anchorTimeMs: number
  readonly anchorWallMs: number
  readonly durationMs: number
  readonly fps: number
}

export type PlaybackAction =
  | { readonly type: 'play'; readonly nowMs: number }
  | { readonly type: 'pause'; readonly nowMs: number }
  | { readonly type: 'toggle'; readonly nowMs: number }
  | { readonly type: 'seek'; readonly timeMs: number; readonly nowMs: number }
  /** Pauses and moves by whole frames (negative: back). */
  | { readonly type: 'step'; readonly frames: number; readonly nowMs: number }
  /** Called every display frame; stops at the end. */
  | { readonly type: 'tick'; readonly nowMs: number }
  | { readonly type: 'setDuration'; readonly durationMs: number; readonly nowMs: number }
  /**
   * While playing: timeline time `timeMs` is heard at wall time `atWallMs` (the sound's clock),
   * so the picture follows the sound rather than its own clock. Ignored while paused.
   */
  | {
      readonly type: 'anchor'
      readonly timeMs: number
      readonly atWallMs: number
      readonly nowMs: number
    }

export function initialPlayback(durationMs: number, fps: number): PlaybackState {
  return { playing: false, anchorTimeMs: 0, anchorWallMs: 0, durationMs, fps }
}

/** Start time of the last frame: where playback stops and stepping forward ends. */
export function lastFrame(state: Pick<PlaybackState, 'durationMs' | 'fps'>): number {
  return Math.max(0, Math.ceil((state.durationMs * state.fps) / 1000) - 1)
}

export function frameToMs(frame: number, fps: number): number {
  return (frame * 1000) / fps
}

/** The frame showing at a time (the one that started at or before it). */
export function msToFrame(timeMs: number, fps: number): number {
  return Math.max(0, Math.floor((timeMs * fps) / 1000 + 1e-6))
}

export function currentTimeMs(state: PlaybackState, nowMs: number): number {
  const t = state.playing ? state.anchorTimeMs + (nowMs - state.anchorWallMs) : state.anchorTimeMs
  return clampTime(state, t)
}

export function currentFrame(state: PlaybackState, nowMs: number): number {
  return Math.min(lastFrame(state), msToFrame(currentTimeMs(state, nowMs), state.fps))
}

function clampTime(state: Pick<PlaybackState, 'durationMs' | 'fps'>, t: number): number {
  return Math.min(Math.max(0, t), frameToMs(lastFrame(state), state.fps))
}

const paused = (state: PlaybackState, timeMs: number, nowMs: number): PlaybackState => ({
  ...state,
  playing: false,
  anchorTimeMs: clampTime(state, timeMs),
  anchorWallMs: nowMs,
})

export function playbackReducer(state: PlaybackState, action: PlaybackAction): PlaybackState {
  const now = action.nowMs
  switch (action.type) {
    case 'play': {
      if (state.playing) return state
      const at = currentTimeMs(state, now)
      // Play at the end starts again from the beginning, as players do.
      const from = msToFrame(at, state.fps) >= lastFrame(state) ? 0 : at
      return { ...state, playing: true, anchorTimeMs: from, anchorWallMs: now }
    }
    case 'pause':
      return state.playing ? paused(state, currentTimeMs(state, now), now) : state
    case 'toggle':
      return playbackReducer(state, { type: state.playing ? 'pause' : 'play', nowMs: now })
    case 'seek': {
      const t = clampTime(state, action.timeMs)
      return state.playing
        ? { ...state, anchorTimeMs: t, anchorWallMs: now }
        : paused(state, t, now)
    }
    case 'step': {
      const frame = Math.min(
        lastFrame(state),
        Math.max(0, currentFrame(state, now) + Math.trunc(action.frames)),
      )
      return paused(state, frameToMs(frame, state.fps), now)
    }
    case 'tick': {
      if (!state.playing) return state
      const t = state.anchorTimeMs + (now - state.anchorWallMs)
      return t >= frameToMs(lastFrame(state) + 1, state.fps) ? paused(state, Infinity, now) : state
    }
    case 'anchor':
      return state.playing
        ? { ...state, anchorTimeMs: action.timeMs, anchorWallMs: action.atWallMs }
        : state
    case 'setDuration': {
      const next = { ...state, durationMs: action.durationMs }
      const t = currentTimeMs(state, now)
      return state.playing
        ? { ...next, anchorTimeMs: clampTime(next, t), anchorWallMs: now }
        : paused(next, t, now)
    }
  }
}
