import { describe, expect, it } from 'vitest'
import { rgbToYuv } from './color-space'
import { blitOverlay, yuvOverlay, type RgbaPixels } from './plane-overlay'
import { i420Planes } from './yuv-workspace'

function rgba(
  width: number,
  height: number,
  pixel: (x: number, y: number) => number[],
): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4)
  }
  return { data, width, height }
}

/** A flat grey I420 picture. */
function picture(width: number, height: number, y = 100, u = 110, v = 140): Uint8Array {
  const planes = i420Planes(width, height)
  const data = new Uint8Array(planes.size)
  data.fill(y, 0, planes.u.offset)
  data.fill(u, planes.u.offset, planes.v.offset)
  data.fill(v, planes.v.offset)
  return data
}

const yuvOf = (r: number, g: number, b: number) => {
  const out = new Float64Array(3)
  rgbToYuv(r, g, b, out)
  return Array.from(out, Math.round)
}

describe('yuvOverlay + blitOverlay', () => {
  it('an opaque overlay replaces the picture with its BT.709 limited-range colour', () => {
    const red = yuvOf(255, 0, 0)
    const overlay = yuvOverlay(
      rgba(4, 4, () => [255, 0, 0, 255]),
      2,
      2,
    )
    const planes = picture(8, 8)
    blitOverlay(planes, 8, 8, overlay)
    const p = i420Planes(8, 8)
    expect(planes[p.y.offset + 2 * 8 + 2]).toBe(red[0])
    expect(planes[p.y.offset + 5 * 8 + 5]).toBe(red[0])
    expect(planes[p.u.offset + 1 * 4 + 1]).toBe(red[1])
    expect(planes[p.v.offset + 2 * 4 + 2]).toBe(red[2])
    // Outside the box: untouched.
    expect(planes[p.y.offset + 1 * 8 + 1]).toBe(100)
    expect(planes[p.y.offset + 6 * 8 + 6]).toBe(100)
    expect(planes[p.u.offset]).toBe(110)
    expect(planes[p.v.offset + 3 * 4 + 3]).toBe(140)
  })

  it('gives full-range code values when the picture is full range', () => {
    const overlay = yuvOverlay(
      rgba(2, 2, () => [255, 255, 255, 255]),
      0,
      0,
      1,
      true,
    )
    const planes = picture(2, 2)
    blitOverlay(planes, 2, 2, overlay)
    expect(Array.from(planes)).toEqual([255, 255, 255, 255, 128, 128])
    const black = picture(2, 2)
    blitOverlay(
      black,
      2,
      2,
      yuvOverlay(
        rgba(2, 2, () => [0, 0, 0, 255]),
        0,
        0,
        1,
        true,
      ),
    )
    expect(Array.from(black)).toEqual([0, 0, 0, 0, 128, 128])
  })

  it('blends by alpha × opacity, rounding as (dst·(255−a) + src·a) / 255', () => {
    const white = yuvOf(255, 255, 255)
    const overlay = yuvOverlay(
      rgba(2, 2, () => [255, 255, 255, 128]),
      0,
      0,
      0.5,
    )
    const planes = picture(2, 2, 16, 128, 128)
    blitOverlay(planes, 2, 2, overlay)
    const a = Math.round(128 * 0.5)
    expect(planes[0]).toBe(Math.round((16 * (255 - a) + (white[0] ?? 0) * a) / 255))
  })

  it('moves an odd corner to the even pixel before it and keeps the pixels where they were', () => {
    // One opaque white pixel at (3, 5).
    const overlay = yuvOverlay(
      rgba(1, 1, () => [255, 255, 255, 255]),
      3,
      5,
    )
    expect([overlay.x, overlay.y, overlay.width, overlay.height]).toEqual([2, 4, 2, 2])
    const planes = picture(8, 8)
    blitOverlay(planes, 8, 8, overlay)
    expect(planes[5 * 8 + 3]).toBe(yuvOf(255, 255, 255)[0])
    expect(planes[5 * 8 + 2]).toBe(100)
    expect(planes[4 * 8 + 3]).toBe(100)
    // Chroma: the block holds one opaque pixel of four: mean alpha 64 of 255, mean Cb·alpha 128·255/4.
    const p = i420Planes(8, 8)
    expect(planes[p.u.offset + 2 * 4 + 1]).toBe(
      Math.round((110 * (255 - 64) + (128 * 255) / 4) / 255),
    )
  })

  it('skips fully transparent pixels and clips at every edge of the picture', () => {
    const overlay = yuvOverlay(
      rgba(6, 6, (x) => (x < 3 ? [0, 0, 0, 0] : [0, 0, 0, 255])),
      -2,
      4,
    )
    const planes = picture(6, 6)
    blitOverlay(planes, 6, 6, overlay)
    // Columns -2..0 transparent, 1..3 black (Y' 16); rows 4..5 only (the rest is off the picture).
    expect(Array.from(planes.subarray(4 * 6, 5 * 6))).toEqual([100, 16, 16, 16, 100, 100])
    expect(Array.from(planes.subarray(0, 4 * 6)).every((v) => v === 100)).toBe(true)
    // Entirely off the picture: nothing happens.
    const before = picture(6, 6)
    const off = picture(6, 6)
    blitOverlay(
      off,
      6,
      6,
      yuvOverlay(
        rgba(2, 2, () => [0, 0, 0, 255]),
        10,
        10,
      ),
    )
    expect(off).toEqual(before)
  })
})
