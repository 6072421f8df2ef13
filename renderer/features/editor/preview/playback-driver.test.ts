import { describe, expect, it } from 'vitest'
import { createPlaybackDriver } from './playback-driver'

/** A manual clock and animation-frame queue, so playback runs deterministically. */
function harness() {
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
  })
  const advance = async (ms: number) => {
    now += ms
    const due = callbacks.splice(0)
    for (const cb of due) cb()
    await new Promise((r) => setTimeout(r, 0))
  }
  return { driver, advance, shown, rendered }
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
})
