import { describe, expect, it } from 'vitest'
import { downscalePlane } from './downscale-planes'

describe('downscalePlane', () => {
  it('averages each box of source samples, rounded', () => {
    // 4×2 → 2×1: boxes [1,2,5,6] and [3,4,7,8]; padding bytes past each row are skipped.
    const data = Uint8Array.from([9, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0])
    const out = new Uint8Array(2)
    downscalePlane({ data, offset: 1, stride: 5, width: 4, height: 2 }, 2, 1, out)
    expect([...out]).toEqual([4, 6]) // 14/4 = 3.5 → 4, 22/4 = 5.5 → 6
  })

  it('covers every source sample once at uneven ratios, so a flat plane stays flat', () => {
    const data = new Uint8Array(7 * 5).fill(200)
    const out = new Uint8Array(3 * 2)
    downscalePlane({ data, offset: 0, stride: 7, width: 7, height: 5 }, 3, 2, out)
    expect([...out]).toEqual([200, 200, 200, 200, 200, 200])
  })

  it('writes at an offset in the output (the next plane of a frame)', () => {
    const out = new Uint8Array(3).fill(1)
    downscalePlane(
      { data: Uint8Array.from([10, 30]), offset: 0, stride: 2, width: 2, height: 1 },
      1,
      1,
      out,
      2,
    )
    expect([...out]).toEqual([1, 1, 20])
  })

  it('refuses to scale up', () => {
    expect(() =>
      downscalePlane(
        { data: new Uint8Array(4), offset: 0, stride: 2, width: 2, height: 2 },
        3,
        2,
        new Uint8Array(6),
      ),
    ).toThrow(/cannot scale a 2×2 plane to 3×2/)
  })
})
