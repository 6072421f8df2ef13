import { describe, expect, it } from 'vitest'
import { FrameWindow } from './frame-window'

const frame = (timestamp: number, closed: number[]) => ({
  timestamp,
  duration: 1 / 30,
  close: () => closed.push(timestamp),
})

describe('FrameWindow', () => {
  it('finds the frame shown at a time, anywhere inside its duration', () => {
    const window = new FrameWindow(4)
    const closed: number[] = []
    window.add(frame(1, closed), 1)
    window.add(frame(1 + 1 / 30, closed), 1)
    expect(window.find(1)?.timestamp).toBe(1)
    expect(window.find(1 + 1 / 60)?.timestamp).toBe(1)
    expect(window.find(1 + 1 / 30 + 0.01)?.timestamp).toBe(1 + 1 / 30)
    expect(window.find(0.99)).toBeNull()
    expect(window.find(1.2)).toBeNull()
  })

  it('evicts (and closes) the frame farthest from the playhead when full', () => {
    const window = new FrameWindow(3)
    const closed: number[] = []
    for (const t of [0, 0.1, 0.2]) window.add(frame(t, closed), t)
    window.add(frame(0.3, closed), 0.3)
    expect(closed).toEqual([0])
    expect(window.size).toBe(3)
    // Scrubbing back to 0.1: the new frame at 0.05 stays, 0.3 (farthest) goes.
    window.add(frame(0.05, closed), 0.1)
    expect(closed).toEqual([0, 0.3])
    expect(window.find(0.3)).toBeNull()
    expect(window.find(0.05)).not.toBeNull()
  })

  it('closes a frame it already holds instead of keeping two, and clears everything', () => {
    const window = new FrameWindow(3)
    const closed: number[] = []
    window.add(frame(0.5, closed), 0.5)
    window.add(frame(0.5, closed), 0.5)
    expect(window.size).toBe(1)
    expect(closed).toEqual([0.5])
    window.clear()
    expect(window.size).toBe(0)
    expect(closed).toEqual([0.5, 0.5])
  })
})
