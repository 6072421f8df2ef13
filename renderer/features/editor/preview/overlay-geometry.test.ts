import { describe, expect, it } from 'vitest'
import { TIKTOK_SAFE_ZONE } from '../../../../shared/platform/safe-zones'
import { moveBox, resizeFactor, snapLines, textBox, toScreen } from './overlay-geometry'

const canvas = { width: 1080, height: 1920 }
const lines = snapLines(canvas, TIKTOK_SAFE_ZONE)

describe('overlay geometry', () => {
  it('moves a box and reports its centre as fractions', () => {
    const box = { x: 100, y: 100, width: 200, height: 100 }
    const moved = moveBox(box, 40, 20, canvas, { vertical: [], horizontal: [] }, 10)
    expect(moved.x).toBeCloseTo(240 / 1080, 6)
    expect(moved.y).toBeCloseTo(170 / 1920, 6)
    expect(moved.guides).toEqual({ vertical: [], horizontal: [] })
  })

  it('snaps the centre to the canvas centre and shows the guide', () => {
    const box = { x: 430, y: 900, width: 200, height: 100 }
    // The centre would land at 536: within 8 px of 540.
    const moved = moveBox(box, 6, 0, canvas, lines, 8)
    expect(moved.x).toBe(0.5)
    expect(moved.guides.vertical).toEqual([540])
  })

  it("snaps an edge to the safe zone's edge", () => {
    const bottom = 1920 * (1 - TIKTOK_SAFE_ZONE.bottom)
    const box = { x: 100, y: bottom - 103, width: 200, height: 100 }
    const moved = moveBox(box, 0, 0, canvas, lines, 8)
    expect(moved.guides.horizontal).toEqual([bottom])
    expect(moved.y * 1920).toBeCloseTo(bottom - 50, 6)
  })

  it('keeps the centre on the canvas', () => {
    const moved = moveBox({ x: 0, y: 0, width: 10, height: 10 }, -500, 5000, canvas, lines, 0)
    expect([moved.x, moved.y]).toEqual([0, 1])
  })

  it('resizes from a corner by the distance from the centre, never below the minimum', () => {
    const box = { x: 0, y: 0, width: 200, height: 100 }
    expect(resizeFactor(box, 100, 50)).toBeCloseTo(2, 6)
    expect(resizeFactor(box, -50, -25)).toBeCloseTo(0.5, 6)
    expect(resizeFactor(box, -300, -300)).toBe(0.05)
  })

  it('places a text box as the compositor does, outline included, and scales it to the screen', () => {
    const box = textBox(
      { x: 0.5, y: 0.5, outlineWidth: 2 },
      { width: 300, ascent: 70, descent: 20 },
      canvas,
    )
    expect(box).toEqual({ x: 386, y: 911, width: 308, height: 98 })
    expect(toScreen(box, 0.5)).toEqual({ x: 193, y: 455.5, width: 154, height: 49 })
  })
})
