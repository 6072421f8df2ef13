import { describe, expect, it } from 'vitest'
import { parseTimeline, type Timeline } from '../../../../shared/timeline'
import { planFrame } from './frame-plan'
import { eqProcessTable } from './plane-color'
import { applyI420Tables, planePlan, TO_FULL_RANGE } from './plane-compositor'
import { i420Planes } from './yuv-workspace'

const media = {
  land: { width: 1920, height: 1080, durationMs: 3000, hasAudio: true, rotation: 0 as const },
  small: { width: 960, height: 540, durationMs: 3000, hasAudio: true, rotation: 0 as const },
  uhd: { width: 3840, height: 2160, durationMs: 3000, hasAudio: true, rotation: 0 as const },
  logo: { width: 320, height: 160, durationMs: 0, hasAudio: false, rotation: 0 as const },
}

function planAt(timeline: unknown, atMs = 100) {
  return planPlanOf(parseTimeline(timeline), atMs)
}
function planPlanOf(timeline: Timeline, atMs: number) {
  return planePlan(planFrame(timeline, media, atMs))
}

/** `table`, then the expansion to full range that every plane-path picture ends with. */
const full = (table: Uint8Array, plane: 'y' | 'u' = 'y') =>
  table.map((x) => TO_FULL_RANGE[plane]?.[x] ?? 0)

const clip = (extra: Record<string, unknown> = {}) => ({
  id: 'a',
  mediaId: 'land',
  inMs: 0,
  outMs: 2000,
  fit: 'fill',
  ...extra,
})

describe('planePlan', () => {
  it("takes the bench's edit: a filled 9:16 crop, eq colour, text and an image", () => {
    const plan = planAt({
      version: 1,
      clips: [
        clip({
          effects: [
            { type: 'saturation', value: 1.2 },
            { type: 'contrast', value: 1.1 },
          ],
        }),
      ],
      texts: [{ id: 't', text: 'Hi', startMs: 0, endMs: 1000 }],
      images: [{ id: 'i', mediaId: 'logo', startMs: 0, endMs: 1000 }],
    })
    expect(typeof plan).toBe('object')
    if (typeof plan === 'string') return
    // The colour runs on the 608×1080 crop, before the upscale, then the range expansion.
    expect(plan.beforeScale?.y).toEqual(full(eqProcessTable(1.1, 0)))
    expect(plan.beforeScale?.u).toEqual(full(eqProcessTable(1.2, 0), 'u'))
    expect(plan.afterScale).toBeNull()
  })

  it('folds whole-picture eq colour into the clip when it covers the canvas, else runs it after', () => {
    const covering = planAt({
      version: 1,
      clips: [clip()],
      effects: [{ type: 'brightness', value: 0.1 }],
    })
    expect(typeof covering !== 'string' && covering.beforeScale?.y).toEqual(
      full(eqProcessTable(1, 0.1)),
    )
    const padded = planAt({
      version: 1,
      clips: [clip({ mediaId: 'small', fit: 'fit' })],
      effects: [{ type: 'brightness', value: 0.1 }],
    })
    expect(typeof padded !== 'string' && padded.beforeScale).toBeNull()
    expect(typeof padded !== 'string' && padded.afterScale?.y).toEqual(full(eqProcessTable(1, 0.1)))
    // Nothing to colour: the crop is only expanded to full range.
    const plain = planAt({ version: 1, clips: [clip()] })
    expect(typeof plain !== 'string' && plain.beforeScale).toEqual(TO_FULL_RANGE)
    expect(TO_FULL_RANGE.y?.[16]).toBe(0)
    expect(TO_FULL_RANGE.y?.[235]).toBe(255)
    expect(TO_FULL_RANGE.u?.[128]).toBe(128)
    expect(TO_FULL_RANGE.u?.[240]).toBe(255)
  })

  it('sends what needs RGB, neighbours or two pictures to the canvas, saying why', () => {
    expect(planAt({ version: 1, clips: [clip({ effects: [{ type: 'blur', radius: 4 }] })] })).toBe(
      'blur or vignette',
    )
    expect(
      planAt({ version: 1, clips: [clip({ effects: [{ type: 'lut', file: 'warm.cube' }] })] }),
    ).toBe('colour needs RGB')
    expect(
      planAt({ version: 1, clips: [clip()], effects: [{ type: 'temperature', kelvin: 4000 }] }),
    ).toBe('colour needs RGB')
    const crossfade = {
      version: 1,
      clips: [
        clip({ outMs: 1000, transitionOut: { type: 'crossfade', durationMs: 500 } }),
        clip({ id: 'b' }),
      ],
    }
    expect(planAt(crossfade, 800)).toBe('transition')
    expect(typeof planAt(crossfade, 100)).toBe('object')
    // A 4K landscape source fitted into 1080×1920: 3840 → 1080, which bilinear would alias.
    expect(planAt({ version: 1, clips: [clip({ mediaId: 'uhd', fit: 'fit' })] })).toBe('downscale')
    expect(planAt({ version: 1, clips: [] })).toBe('no clip')
  })
})

describe('applyI420Tables', () => {
  it('maps each plane through its own table and leaves a plane without one alone', () => {
    const p = i420Planes(6, 4)
    const data = new Uint8Array(p.size).fill(100)
    const plusOne = Uint8Array.from({ length: 256 }, (_, x) => Math.min(255, x + 1))
    const half = Uint8Array.from({ length: 256 }, (_, x) => x >> 1)
    applyI420Tables(data, 6, 4, { y: plusOne, u: null, v: half })
    expect(Array.from(new Set(data.subarray(0, p.u.offset)))).toEqual([101])
    expect(Array.from(new Set(data.subarray(p.u.offset, p.v.offset)))).toEqual([100])
    expect(Array.from(new Set(data.subarray(p.v.offset)))).toEqual([50])
  })
})
