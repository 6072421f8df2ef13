import { describe, expect, it } from 'vitest'
import { parseTimeline } from '../../../../shared/timeline'
import { decodeTimeSec, frameAtTime, planFrame } from './frame-plan'

const media = {
  land: { width: 1920, height: 1080, durationMs: 3000, hasAudio: true, rotation: 0 as const },
  logo: { width: 320, height: 160, durationMs: 0, hasAudio: false, rotation: 0 as const },
}

const timeline = parseTimeline({
  version: 1,
  clips: [
    {
      id: 'a',
      mediaId: 'land',
      inMs: 500,
      outMs: 1500,
      fit: 'crop',
      crop: { x: 0.25, y: 0, width: 0.5, height: 1 },
      effects: [
        { type: 'brightness', value: 0.1 },
        { type: 'vignette', angle: 0.5 },
      ],
      transitionOut: { type: 'crossfade', durationMs: 500 },
    },
    { id: 'b', mediaId: 'land', inMs: 0, outMs: 1000, speed: 2 },
  ],
  texts: [{ id: 't', text: 'Hi', startMs: 0, endMs: 400 }],
  images: [{ id: 'i', mediaId: 'logo', startMs: 100, endMs: 900 }],
  effects: [{ type: 'saturation', value: 1.2 }],
})

describe('frameAtTime / decodeTimeSec', () => {
  it('maps times to the frame starting at or before them', () => {
    expect(frameAtTime(0, 30)).toBe(0)
    expect(frameAtTime(1000 / 30, 30)).toBe(1)
    expect(frameAtTime(1000 / 30 - 1, 30)).toBe(0)
  })

  it("asks for the source frame ffmpeg's fps filter picks", () => {
    expect(decodeTimeSec({ inMs: 500, speed: 1 }, 0, 30)).toBeCloseTo(0.5 + 0.499 / 30)
    expect(decodeTimeSec({ inMs: 0, speed: 2 }, 3, 30)).toBeCloseTo((3.499 * 2) / 30)
  })
})

describe('planFrame', () => {
  it('plans a single framed, graded clip with its overlays', () => {
    const plan = planFrame(timeline, media, 200)
    expect(plan.frame).toBe(6)
    expect(plan.clips).toHaveLength(1)
    const [clip] = plan.clips
    expect(clip?.placement.sourceCrop).toEqual({ x: 480, y: 0, width: 960, height: 1080 })
    expect(clip?.placement.scaled).toEqual({ width: 1706, height: 1920 })
    expect(clip?.color).toEqual([{ type: 'brightness', value: 0.1 }])
    expect(clip?.colorBeforeScale).toBe(true)
    expect(clip?.spatial).toEqual([{ kind: 'vignette', angle: 0.5 }])
    expect(clip?.decodeSec).toBeCloseTo(0.5 + 6.499 / 30)
    expect(plan.texts.map((t) => t.id)).toEqual(['t'])
    expect(plan.images).toEqual([
      { mediaId: 'logo', placement: { width: 270, height: 136, x: 405, y: 892 }, opacity: 1 },
    ])
    expect(plan.global).toEqual([{ kind: 'color', effects: [{ type: 'saturation', value: 1.2 }] }])
  })

  it('plans both clips inside a crossfade, with xfade progress', () => {
    // Clip a: 0–1000 ms, b starts at 500 ms; frame 21 is 6 frames into the 15-frame overlap.
    const plan = planFrame(timeline, media, 700)
    expect(plan.clips.map((c) => [c.clipId, c.layer.alpha])).toEqual([
      ['a', 1],
      ['b', 6 / 15],
    ])
    expect(plan.clips[1]?.decodeSec).toBeCloseTo((6.499 * 2) / 30)
    expect(plan.images).toHaveLength(1)
    expect(plan.texts).toHaveLength(0)
  })

  it('has no clip past the end', () => {
    expect(planFrame(timeline, media, 5000).clips).toEqual([])
  })

  it('names media without info', () => {
    expect(() => planFrame(timeline, { logo: media.logo }, 0)).toThrow(/"land"/)
  })
})

describe('planFrame overlay tracks', () => {
  const pip = parseTimeline({
    version: 2,
    clips: [{ id: 'a', mediaId: 'land', inMs: 0, outMs: 2000 }],
    overlays: [
      { id: 'top', mediaId: 'land', track: 2, startMs: 500, inMs: 1000, outMs: 2000, width: 0.3 },
      { id: 'low', mediaId: 'land', track: 1, startMs: 0, inMs: 0, outMs: 3000 },
    ],
  })

  it('draws the overlays on screen at the frame, lowest track first, from their own source time', () => {
    const plan = planFrame(pip, media, 1000)
    expect(plan.overlays.map((o) => o.clip.clipId)).toEqual(['low', 'top'])
    const top = plan.overlays[1]?.clip
    // 0.5 s into the overlay, from its in-point of 1 s.
    expect(top?.decodeSec).toBeCloseTo(decodeTimeSec({ inMs: 1000, speed: 1 }, 15, 30), 6)
    expect(top?.placement.visible.width).toBe(324)
  })

  it('leaves an overlay out before it starts, after it ends and past the video', () => {
    expect(planFrame(pip, media, 400).overlays.map((o) => o.clip.clipId)).toEqual(['low'])
    expect(planFrame(pip, media, 1600).overlays.map((o) => o.clip.clipId)).toEqual(['low'])
  })
})
