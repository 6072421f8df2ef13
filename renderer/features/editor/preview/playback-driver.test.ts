import { describe, expect, it } from 'vitest'
import { createPlaybackDriver, type PlaybackSound } from './playback-driver'
import { currentTimeMs } from './playback'

/** A manual clock and animation-frame queue, so playback runs deterministically. */
function harness(sound?: PlaybackSound) {
  let now = 0
  const callbacks: (() => void)[] = []
  const rendered: number[] = []
  const shown: number[] = []
  const driver = createPlaybackDriver({
    durationMs: 1000,
    fps: 10,
    now: () => now,
    requestFrame: (cb) => callbacks.push(cb),
    cancelFrame: () => undefined,
    renderFrame: async (ms) => {
      rendered.push(ms)
      return { frame: Math.round(ms / 100), bitmap: { close: () => undefined } as ImageBitmap }
    },
    onFrame: ({ frame }) => shown.push(frame),
    sound,
  })
  const advance = async (ms: number) => {
    now += ms
    const due = callbacks.splice(0)
    for (const cb of due) cb()
    await new Promise((r) => setTimeout(r, 0))
  }
  return { driver, advance, shown, rendered, now: () => now }
}

describe('playback driver', () => {
  it('shows the first frame, then new frames while playing, and stops at the end', async () => {
    const h = harness()
    await h.advance(0)
    expect(h.shown).toEqual([0])
    h.driver.dispatch({ type: 'play' })
    for (let i = 0; i < 12; i++) await h.advance(100)
    expect(h.shown.length).toBeGreaterThan(5)
    expect(h.shown.at(-1)).toBe(9)
    expect(h.driver.state.playing).toBe(false)
  })

  it('shows the frame at a seek while paused', async () => {
    const h = harness()
    await h.advance(0)
    h.driver.dispatch({ type: 'seek', timeMs: 450 })
    await h.advance(0)
    expect(h.shown.at(-1)).toBe(4)
  })

  it('starts at the given time: the first frame drawn is the playhead frame', async () => {
    const rendered: number[] = []
    createPlaybackDriver({
      durationMs: 1000,
      fps: 10,
      startMs: 450,
      now: () => 0,
      requestFrame: () => 0,
      cancelFrame: () => undefined,
      renderFrame: async (ms) => {
        rendered.push(ms)
        return { frame: Math.round(ms / 100), bitmap: { close: () => undefined } as ImageBitmap }
      },
      onFrame: () => undefined,
    })
    await new Promise((r) => setTimeout(r, 0))
    expect(rendered).toEqual([400])
  })

  it('starts the sound with play, follows its clock, restarts it on a seek and stops it', async () => {
    const calls: string[] = []
    /** Sound heard 50 ms after it is started, its clock running 10 % slow. */
    let started: { timeMs: number; atWall: number } | null = null
    const sound: PlaybackSound = {
      start: (timeMs) => {
        started = { timeMs, atWall: h.now() + 50 }
        calls.push(`start ${timeMs}`)
        return started.atWall
      },
      stop: () => {
        started = null
        calls.push('stop')
      },
      heardAt: (wall) => (started ? started.timeMs + (wall - started.atWall) * 0.9 : null),
    }
    const h = harness(sound)
    await h.advance(0)
    h.driver.dispatch({ type: 'play' })
    expect(calls).toEqual(['start 0'])
    // Until the sound is heard, the picture waits for it.
    expect(currentTimeMs(h.driver.state, h.now())).toBe(0)
    for (let i = 0; i < 5; i++) await h.advance(100)
    // 500 ms on: the sound has played 450 ms × 0.9 = 405 ms; the picture follows it (within the
    // 25 ms it may drift before it is re-anchored), not the wall clock's 450 ms.
    const shown = currentTimeMs(h.driver.state, h.now())
    expect(Math.abs(shown - 405)).toBeLessThanOrEqual(25)
    h.driver.dispatch({ type: 'seek', timeMs: 700 })
    expect(calls.at(-1)).toBe('start 700')
    h.driver.dispatch({ type: 'pause' })
    expect(calls.at(-1)).toBe('stop')
    // A seek while paused is silent (scrubbing makes no sound).
    h.driver.dispatch({ type: 'seek', timeMs: 100 })
    expect(calls).toEqual(['start 0', 'start 700', 'stop'])
  })

  it('stops the sound at the end of the video', async () => {
    const calls: string[] = []
    const h = harness({
      start: (t) => (calls.push(`start ${t}`), null),
      stop: () => calls.push('stop'),
      heardAt: () => null,
    })
    await h.advance(0)
    h.driver.dispatch({ type: 'play' })
    for (let i = 0; i < 12; i++) await h.advance(100)
    expect(h.driver.state.playing).toBe(false)
    expect(calls).toEqual(['start 0', 'stop'])
  })

  it('renders the next frame while the current one shows, and shows it only when it is due', async () => {
    const h = harness()
    await h.advance(0)
    h.driver.dispatch({ type: 'play' })
    await h.advance(0)
    // Frame 0 is on screen; frame 1 (100 ms) is already rendered, held until its time.
    expect(h.rendered).toContain(100)
    expect(h.shown).toEqual([0])
    await h.advance(100)
    expect(h.shown).toEqual([0, 1])
    expect(h.rendered).toContain(200)
    // Paused, nothing is rendered ahead and a held frame is not shown.
    h.driver.dispatch({ type: 'pause' })
    await h.advance(100)
    expect(h.shown).toEqual([0, 1])
  })

  it('pre-rolls: play before the playhead frame is drawn waits for it, then starts time and sound', async () => {
    let now = 0
    const callbacks: (() => void)[] = []
    const shown: number[] = []
    const calls: string[] = []
    const gate = { open: () => undefined as void }
    const driver = createPlaybackDriver({
      durationMs: 1000,
      fps: 10,
      now: () => now,
      requestFrame: (cb) => callbacks.push(cb),
      cancelFrame: () => undefined,
      renderFrame: async (ms) => {
        // The first frame takes a long seek; the others are quick.
        if (ms === 0) await new Promise<void>((r) => (gate.open = r))
        return { frame: Math.round(ms / 100), bitmap: { close: () => undefined } as ImageBitmap }
      },
      onFrame: ({ frame }) => shown.push(frame),
      sound: {
        start: (t) => (calls.push(`start ${t}`), null),
        stop: () => calls.push('stop'),
        heardAt: () => null,
      },
    })
    const advance = async (ms: number) => {
      now += ms
      for (const cb of callbacks.splice(0)) cb()
      await new Promise((r) => setTimeout(r, 0))
    }
    driver.dispatch({ type: 'play' })
    // 600 ms of decoding: the clock and the sound wait at 0.
    for (let i = 0; i < 6; i++) await advance(100)
    expect(shown).toEqual([])
    expect(calls).toEqual([])
    expect(currentTimeMs(driver.state, now)).toBe(0)
    gate.open()
    await advance(0)
    expect(shown).toEqual([0])
    expect(calls).toEqual(['start 0'])
    // From then on every frame shows in its turn: none was skipped for the wait.
    for (let i = 0; i < 3; i++) await advance(100)
    expect(shown).toEqual([0, 1, 2, 3])
    expect(driver.state.playing).toBe(true)
    driver.dispose()
  })
})
