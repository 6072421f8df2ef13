import { createLogger } from '../../../../shared/logger'
import {
  currentFrame,
  currentTimeMs,
  frameToMs,
  initialPlayback,
  playbackReducer,
  type PlaybackAction,
  type PlaybackState,
} from './playback'
import type { RenderedFrame } from './preview-renderer'

const log = createLogger('preview-playback')

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
export type PlaybackCommand = DistributiveOmit<PlaybackAction, 'nowMs'>

/**
 * The preview's sound, started and stopped with the picture. Its clock leads: the picture is
 * anchored to when the sound is actually heard, and re-anchored when the two drift apart.
 */
export interface PlaybackSound {
  /** Starts sounding from timeline `timeMs`; the wall time (on now()'s clock) it is heard, or null. */
  start(timeMs: number): number | null
  stop(): void
  /** The timeline time heard at wall time `wallMs` by the sound's clock, or null (no clock). */
  heardAt(wallMs: number): number | null
}

/** How far the picture may drift from the sound before it is re-anchored to it. */
const MAX_DRIFT_MS = 25

export interface PlaybackDriverOptions {
  readonly durationMs: number
  readonly fps: number
  /** Where the playhead starts (the first frame drawn is the one at this time). */
  readonly startMs?: number
  readonly renderFrame: (timeMs: number) => Promise<RenderedFrame>
  /** Receives each drawn frame; it owns (and must close) the bitmap. */
  readonly onFrame: (frame: RenderedFrame) => void
  readonly onState?: (state: PlaybackState) => void
  readonly sound?: PlaybackSound
  /** Injected for tests; the browser's by default. */
  readonly now?: () => number
  readonly requestFrame?: (callback: () => void) => number
  readonly cancelFrame?: (handle: number) => void
}

export interface PlaybackDriver {
  dispatch(command: PlaybackCommand): void
  readonly state: PlaybackState
  dispose(): void
}

/**
 * Drives the state machine from requestAnimationFrame and asks the worker for the frame due.
 * One render at a time: while the worker is busy, due frames are skipped (playback keeps real
 * time) rather than queued.
 */
export function createPlaybackDriver(options: PlaybackDriverOptions): PlaybackDriver {
  const now = options.now ?? (() => performance.now())
  const requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(cb))
  const cancelFrame = options.cancelFrame ?? ((h) => cancelAnimationFrame(h))
  let state = playbackReducer(initialPlayback(options.durationMs, options.fps), {
    type: 'seek',
    timeMs: options.startMs ?? 0,
    nowMs: now(),
  })
  let shown = -1
  let rendering = false
  let handle: number | null = null
  let disposed = false

  const pump = () => {
    if (disposed || rendering) return
    const frame = currentFrame(state, now())
    if (frame === shown) return
    rendering = true
    options
      .renderFrame(frameToMs(frame, state.fps))
      .then((rendered) => {
        shown = frame
        if (disposed) rendered.bitmap.close()
        else options.onFrame(rendered)
      })
      .catch((error: unknown) => log.warn('preview frame failed', { frame, error: String(error) }))
      .finally(() => {
        rendering = false
        if (!state.playing) pump()
      })
  }

  /** Starts, restarts or stops the sound after a change of state, and follows its clock. */
  const follow = (before: PlaybackState) => {
    const sound = options.sound
    if (!sound) return
    if (!state.playing) {
      if (before.playing) sound.stop()
      return
    }
    const t = currentTimeMs(state, now())
    const moved = before.playing && Math.abs(currentTimeMs(before, now()) - t) > 1
    if (before.playing && !moved) return
    const heardAtWall = sound.start(t)
    if (heardAtWall !== null) {
      state = playbackReducer(state, {
        type: 'anchor',
        timeMs: t,
        atWallMs: heardAtWall,
        nowMs: now(),
      })
    }
  }

  const correct = () => {
    if (!state.playing || !options.sound) return
    const wall = now()
    const heard = options.sound.heardAt(wall)
    if (heard === null) return
    if (Math.abs(heard - currentTimeMs(state, wall)) > MAX_DRIFT_MS) {
      state = playbackReducer(state, { type: 'anchor', timeMs: heard, atWallMs: wall, nowMs: wall })
    }
  }

  const loop = () => {
    handle = null
    correct()
    dispatch({ type: 'tick' })
    // A tick leaves the state unchanged while playing (time comes from the clock), so the frame
    // now due is asked for here, every animation frame.
    pump()
    if (state.playing) handle = requestFrame(loop)
  }

  const dispatch = (command: PlaybackCommand) => {
    const next = playbackReducer(state, { ...command, nowMs: now() } as PlaybackAction)
    if (next === state) return
    const before = state
    state = next
    follow(before)
    options.onState?.(state)
    if (state.playing && handle === null) handle = requestFrame(loop)
    pump()
  }

  pump()
  return {
    dispatch,
    get state() {
      return state
    },
    dispose() {
      disposed = true
      if (handle !== null) cancelFrame(handle)
      if (state.playing) options.sound?.stop()
    },
  }
}
