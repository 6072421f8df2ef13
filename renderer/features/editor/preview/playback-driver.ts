import { createLogger } from '../../../../shared/logger'
import {
  currentFrame,
  currentTimeMs,
  lastFrame,
  frameToMs,
  initialPlayback,
  msToFrame,
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
  /** A frame rendered before it was due, shown on the animation frame it falls due. */
  let ahead: RenderedFrame | null = null
  /**
   * Pre-roll: play was pressed while the frame at the playhead was not on screen yet (just
   * loaded, or a seek still decoding from its keyframe). The clock and the sound wait at
   * `timeMs` until that frame shows, so playback never starts with time running over a frozen
   * picture and then skips the frames it missed (a second of them after a long-GOP seek).
   */
  let preroll: { timeMs: number; before: PlaybackState } | null = null

  /** While pre-rolling, the clock stays at the pre-roll time. */
  const pin = () => {
    if (!preroll) return
    const wall = now()
    state = playbackReducer(state, {
      type: 'anchor',
      timeMs: preroll.timeMs,
      atWallMs: wall,
      nowMs: wall,
    })
  }

  const show = (rendered: RenderedFrame) => {
    shown = rendered.frame
    options.onFrame(rendered)
    if (preroll && rendered.frame === msToFrame(preroll.timeMs, state.fps)) {
      // The playhead's frame is on screen: time (and the sound) start from here, now.
      pin()
      const { before } = preroll
      preroll = null
      follow(before)
    }
  }
  const dropAhead = () => {
    ahead?.bitmap.close()
    ahead = null
  }

  /**
   * Shows the frame due, and while playing renders the next one as soon as the worker is free, so
   * decoding and drawing it overlap the wait for its time (one render in flight, one held).
   */
  const pump = () => {
    if (disposed) return
    pin()
    const due = currentFrame(state, now())
    if (ahead && state.playing && ahead.frame <= due) {
      // Due now (or a frame late, still the nearest there is): show it; anything older is stale.
      const held = ahead
      ahead = null
      if (due - held.frame <= 1 && held.frame !== shown) show(held)
      else held.bitmap.close()
    } else if (ahead && (!state.playing || ahead.frame > due + 1)) {
      dropAhead()
    }
    if (rendering) return
    let target = due
    if (due === shown) {
      if (!state.playing || due >= lastFrame(state)) return
      target = due + 1
    }
    if (ahead?.frame === target) return
    rendering = true
    let failed = false
    options
      .renderFrame(frameToMs(target, state.fps))
      .then((rendered) => {
        if (disposed) return rendered.bitmap.close()
        if (state.playing && rendered.frame > currentFrame(state, now())) {
          dropAhead()
          ahead = rendered
        } else show(rendered)
      })
      .catch((error: unknown) => {
        failed = true
        log.warn('preview frame failed', { frame: target, error: String(error) })
      })
      .finally(() => {
        rendering = false
        // After a failure the next animation frame tries again, not a tight loop here.
        if (!failed) pump()
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
    if (!state.playing || !options.sound || preroll) return
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
    if (!state.playing) preroll = null
    else if (preroll) preroll = { ...preroll, timeMs: currentTimeMs(state, now()) }
    else if (!before.playing && currentFrame(state, now()) !== shown) {
      preroll = { timeMs: currentTimeMs(state, now()), before }
    }
    if (!preroll) follow(before)
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
      dropAhead()
      if (handle !== null) cancelFrame(handle)
      if (state.playing) options.sound?.stop()
    },
  }
}
