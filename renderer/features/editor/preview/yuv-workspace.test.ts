import { describe, expect, it } from 'vitest'
import { blitOverlay, yuvOverlay, type RgbaPixels } from './plane-overlay'
import { i420Planes, YuvWorkspace } from './yuv-workspace'

/** Deterministic RGBA with every kind of alpha: clear, opaque and in between, in runs and alone. */
function overlayPixels(width: number, height: number, seed: number): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4)
  let s = seed
  for (let i = 0; i < width * height; i++) {
    s = (s * 1103515245 + 12345) >>> 0
    const kind = (s >>> 24) % 4
    data[i * 4] = (s >>> 8) & 255
    data[i * 4 + 1] = (s >>> 13) & 255
    data[i * 4 + 2] = (s >>> 3) & 255
    // A band of clear rows, so some sixteen-sample blocks are skipped whole.
    const row = Math.floor(i / width)
    data[i * 4 + 3] = row % 7 === 3 ? 0 : kind === 0 ? 0 : kind === 1 ? 255 : (s >>> 16) & 255
  }
  return { data, width, height }
}

/** A picture of `width` × `height` with every code value somewhere, the same for both runs. */
function workspaceWithPicture(width: number, height: number, useWasm: boolean): YuvWorkspace {
  const work = new YuvWorkspace(useWasm)
  work.prepare(
    { width: 2, height: 2 },
    { width: 2, height: 2 },
    { x: 0, y: 0, width: 2, height: 2 },
    {
      width,
      height,
    },
  )
  const out = work.outputBytes()
  for (let i = 0; i < out.length; i++) out[i] = (i * 37 + (i >> 5)) & 255
  return work
}

describe('YuvWorkspace.blend', () => {
  const width = 96
  const height = 64
  // Inside; off each edge and corner; wider and taller than the picture; width not a
  // multiple of sixteen (the scalar tail); entirely outside.
  const placements: [number, number, number, number][] = [
    [10, 6, 50, 20],
    [-13, -9, 40, 30],
    [70, 50, 45, 33],
    [-20, 20, 140, 10],
    [30, -40, 18, 120],
    [2, 2, 1, 1],
    [200, 10, 20, 20],
  ]

  for (const [x, y, w, h] of placements) {
    it(`gives blitOverlay's bytes in WebAssembly for a ${w}×${h} overlay at (${x}, ${y})`, () => {
      const overlay = yuvOverlay(overlayPixels(w, h, x * 31 + y + 7), x, y, 0.9, true)
      const wasm = workspaceWithPicture(width, height, true)
      const expected = wasm.outputBytes().slice()
      blitOverlay(expected, width, height, overlay)
      wasm.blend(overlay)
      expect(wasm.accelerated).toBe(true)
      const got = wasm.outputBytes()
      let differing = 0
      for (let i = 0; i < got.length; i++) if (got[i] !== expected[i]) differing++
      expect(differing).toBe(0)
    })
  }

  it('changes the picture only inside the overlay, and the JavaScript fallback does the same', () => {
    const overlay = yuvOverlay(overlayPixels(20, 10, 3), 40, 30, 1, true)
    const before = workspaceWithPicture(width, height, true).outputBytes().slice()
    for (const useWasm of [true, false]) {
      const work = workspaceWithPicture(width, height, useWasm)
      work.blend(overlay)
      const after = work.outputBytes()
      const planes = i420Planes(width, height)
      let insideChanged = 0
      for (let i = 0; i < planes.u.offset; i++) {
        const px = i % width
        const py = Math.floor(i / width)
        const inside = px >= 40 && px < 60 && py >= 30 && py < 40
        if (!inside) expect(after[i]).toBe(before[i])
        else if (after[i] !== before[i]) insideChanged++
      }
      expect(insideChanged).toBeGreaterThan(50)
    }
  })

  it('blends the right overlay frame after frame: the same one again, another, one moved', () => {
    const a = yuvOverlay(overlayPixels(40, 20, 5), 10, 10, 0.8, true)
    const b = yuvOverlay(overlayPixels(40, 20, 9), 10, 10, 1, true) // a's box, other pixels
    const moved = yuvOverlay(overlayPixels(40, 20, 5), -6, 40, 0.8, true)
    const wasm = workspaceWithPicture(width, height, true)
    const expected = wasm.outputBytes().slice()
    for (const overlay of [a, a, b, a, b, b, moved, a]) {
      blitOverlay(expected, width, height, overlay)
      wasm.blend(overlay)
      const got = wasm.outputBytes()
      let differing = 0
      for (let i = 0; i < got.length; i++) if (got[i] !== expected[i]) differing++
      expect(differing).toBe(0)
    }
  })

  it('blends an opaque sample to the overlay colour and a clear one to nothing', () => {
    const pixels: RgbaPixels = {
      data: new Uint8ClampedArray([255, 255, 255, 255, 255, 255, 255, 0]),
      width: 2,
      height: 1,
    }
    const work = workspaceWithPicture(width, height, true)
    const before = work.outputBytes().slice()
    work.blend(yuvOverlay(pixels, 0, 0, 1, true))
    const out = work.outputBytes()
    expect(out[0]).toBe(255)
    expect(out[1]).toBe(before[1])
  })
})
