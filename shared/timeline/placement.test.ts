import { describe, expect, it } from 'vitest'
import { centredCrop, clipPlacement, displaySize } from './placement'

const canvas = { width: 1080, height: 1920 }
const centred = { position: { x: 0.5, y: 0.5 }, scale: 1 }

describe('clip placement', () => {
  it('fill covers the canvas and crops the overhang (landscape into 9:16)', () => {
    const p = clipPlacement({ fit: 'fill', ...centred }, { width: 1920, height: 1080 }, canvas)
    expect(p.scaled).toEqual({ width: 3414, height: 1920 })
    expect(p.visible).toEqual({ x: 1166, y: 0, width: 1080, height: 1920 })
    expect([p.canvasX, p.canvasY]).toEqual([0, 0])
    // 1080/1920 of the source's width, centred: what the renderers crop before scaling.
    expect(p.sourceVisible).toEqual({ x: 656, y: 0, width: 608, height: 1080 })
  })

  it('fit letterboxes the whole picture', () => {
    const p = clipPlacement({ fit: 'fit', ...centred }, { width: 1920, height: 1080 }, canvas)
    expect(p.scaled).toEqual({ width: 1080, height: 608 })
    expect(p.visible).toEqual({ x: 0, y: 0, width: 1080, height: 608 })
    expect([p.canvasX, p.canvasY]).toEqual([0, 656])
    expect(p.sourceVisible).toEqual({ x: 0, y: 0, width: 1920, height: 1080 })
  })

  it('crop takes a region of the source and covers the canvas with it', () => {
    const p = clipPlacement(
      { fit: 'crop', crop: { x: 0.25, y: 0, width: 0.5, height: 1 }, ...centred },
      { width: 1920, height: 1080 },
      canvas,
    )
    expect(p.sourceCrop).toEqual({ x: 480, y: 0, width: 960, height: 1080 })
    expect(p.scaled).toEqual({ width: 1706, height: 1920 })
    expect(p.visible.width).toBe(1080)
  })

  it('zoom and position move the picture; only the on-canvas part is kept', () => {
    const p = clipPlacement(
      { fit: 'fit', position: { x: 0, y: 0.5 }, scale: 0.5 },
      { width: 1080, height: 1920 },
      canvas,
    )
    expect(p.scaled).toEqual({ width: 540, height: 960 })
    expect(p.visible).toEqual({ x: 270, y: 0, width: 270, height: 960 })
    expect([p.canvasX, p.canvasY]).toEqual([0, 480])
    expect(p.sourceVisible).toEqual({ x: 540, y: 0, width: 540, height: 1920 })
  })

  it('maps the visible part back to an even source region of the same aspect, inside the crop', () => {
    let seed = 7
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    for (let i = 0; i < 500; i++) {
      const source = {
        width: 2 * Math.round(160 + rand() * 1900),
        height: 2 * Math.round(90 + rand() * 1900),
      }
      const fit = (['fit', 'fill', 'crop'] as const)[i % 3] ?? 'fill'
      const crop = {
        x: rand() * 0.5,
        y: rand() * 0.5,
        width: 0.2 + rand() * 0.5,
        height: 0.2 + rand() * 0.5,
      }
      const p = clipPlacement(
        { fit, crop, position: { x: rand(), y: rand() }, scale: 0.25 + rand() * 3 },
        source,
        canvas,
      )
      const sv = p.sourceVisible
      const sc = p.sourceCrop
      for (const v of [sv.x, sv.y, sv.width, sv.height]) expect(v % 2).toBe(0)
      expect(sv.x).toBeGreaterThanOrEqual(sc.x)
      expect(sv.y).toBeGreaterThanOrEqual(sc.y)
      expect(sv.x + sv.width).toBeLessThanOrEqual(sc.x + sc.width)
      expect(sv.y + sv.height).toBeLessThanOrEqual(sc.y + sc.height)
      // Even rounding moves an edge by at most a pixel or two of the source.
      const fx = p.scaled.width / sc.width
      const fy = p.scaled.height / sc.height
      expect(Math.abs(sv.width * fx - p.visible.width)).toBeLessThanOrEqual(2 * fx + 2)
      expect(Math.abs(sv.height * fy - p.visible.height)).toBeLessThanOrEqual(2 * fy + 2)
      expect(Math.abs((sv.x - sc.x) * fx - p.visible.x)).toBeLessThanOrEqual(2 * fx + 2)
    }
  })

  it('keeps every size and offset even for 4:2:0 video', () => {
    const p = clipPlacement(
      { fit: 'fit', position: { x: 0.33, y: 0.71 }, scale: 0.77 },
      { width: 1279, height: 721 },
      canvas,
    )
    for (const v of [
      p.scaled.width,
      p.scaled.height,
      p.visible.x,
      p.visible.width,
      p.canvasX,
      p.canvasY,
    ]) {
      expect(v % 2).toBe(0)
    }
  })

  it('swaps width and height for 90° and 270° rotations', () => {
    expect(displaySize({ width: 1920, height: 1080, rotation: 90 })).toEqual({
      width: 1080,
      height: 1920,
    })
    expect(displaySize({ width: 1920, height: 1080, rotation: 270 })).toEqual({
      width: 1080,
      height: 1920,
    })
    expect(displaySize({ width: 1920, height: 1080, rotation: 180 })).toEqual({
      width: 1920,
      height: 1080,
    })
  })
})

describe('centredCrop', () => {
  it('takes the middle strip of a landscape source for a 9:16 canvas', () => {
    const crop = centredCrop({ width: 1920, height: 1080 }, canvas)
    expect(crop.y).toBe(0)
    expect(crop.height).toBe(1)
    expect(crop.width).toBeCloseTo(0.3164, 4)
    expect(crop.x + crop.width / 2).toBeCloseTo(0.5, 3)
  })

  it('takes the whole of a source that already has the canvas shape', () => {
    expect(centredCrop({ width: 720, height: 1280 }, canvas)).toEqual({
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    })
  })

  it('frames like fill does, inside the model limits', () => {
    const source = { width: 1280, height: 720 }
    const square = { width: 1080, height: 1080 }
    const crop = centredCrop(source, square)
    const viaCrop = clipPlacement({ fit: 'crop', crop, ...centred }, source, square)
    const viaFill = clipPlacement({ fit: 'fill', ...centred }, source, square)
    expect(Math.abs(viaCrop.sourceVisible.x - viaFill.sourceVisible.x)).toBeLessThanOrEqual(2)
    expect(Math.abs(viaCrop.sourceVisible.width - viaFill.sourceVisible.width)).toBeLessThanOrEqual(
      2,
    )
    expect(crop.x + crop.width).toBeLessThanOrEqual(1)
  })
})
