import { describe, expect, it } from 'vitest'
import { FrameCache, shownIndex } from './frame-cache'
import { keptCrop } from './frame-source'

describe('shownIndex', () => {
  const ts = [0, 33_333, 66_667, 100_000]
  it('finds the last frame starting at or before t', () => {
    expect(shownIndex(ts, 0)).toBe(0)
    expect(shownIndex(ts, 33_332)).toBe(0)
    expect(shownIndex(ts, 33_333)).toBe(1)
    expect(shownIndex(ts, 99_999)).toBe(2)
    expect(shownIndex(ts, 5_000_000)).toBe(3)
  })
  it('is -1 before the first frame and for no frames', () => {
    expect(shownIndex(ts, -1)).toBe(-1)
    expect(shownIndex([], 10)).toBe(-1)
  })
})

describe('FrameCache.forRegion', () => {
  const source = { width: 1920, height: 1080 }
  it('keeps the shown part of a landscape source filling a portrait canvas at preview size', () => {
    // fill: 608×1080 of the source shown at 540×960 (0.889 of it).
    const cache = FrameCache.forRegion(
      source,
      { x: 656, y: 0, width: 608, height: 1080 },
      960 / 1080,
    )
    expect(cache).not.toBeNull()
    expect(cache?.sampleAt(0, { x: 656, y: 0, width: 608, height: 1080 }, 960 / 1080)).toBeNull() // nothing kept yet
  })
  it('keeps nothing when the kept frame would save little or be drawn larger than the source', () => {
    expect(FrameCache.forRegion(source, { x: 0, y: 0, width: 1920, height: 1080 }, 0.9)).toBeNull()
    expect(FrameCache.forRegion(source, { x: 0, y: 0, width: 400, height: 400 }, 1.5)).toBeNull()
  })
})

describe('keptCrop', () => {
  const frame = { displayWidth: 542, displayHeight: 960 }
  it('is the crop itself for a decoded frame', () => {
    const crop = { x: 3, y: 5, width: 100, height: 50 }
    expect(keptCrop(crop, null, frame)).toBe(crop)
  })
  it('moves and scales a source crop into the kept region', () => {
    const region = { x: 656, y: 0, scaleX: 542 / 608, scaleY: 960 / 1080 }
    expect(keptCrop({ x: 656, y: 0, width: 608, height: 1080 }, region, frame)).toEqual({
      x: 0,
      y: 0,
      width: 542,
      height: 960,
    })
    expect(keptCrop({ x: 756, y: 108, width: 304, height: 540 }, region, frame)).toEqual({
      x: 89,
      y: 96,
      width: 271,
      height: 480,
    })
  })
})
