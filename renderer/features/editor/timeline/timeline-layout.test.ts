import { describe, expect, it } from 'vitest'
import { addClip, addMarker, setTransition } from '../../../../shared/timeline/edit'
import { createTimeline } from '../../../../shared/timeline/model'
import {
  clampZoom,
  formatTimecode,
  layoutClips,
  layoutMarkers,
  layoutTransitions,
  MIN_MARK_PX,
  rulerTicks,
  snap,
  snapPoints,
} from './timeline-layout'

function twoClips() {
  let t = createTimeline()
  t = addClip(t, { id: 'a', mediaId: 'm', inMs: 0, outMs: 3000 })
  t = addClip(t, { id: 'b', mediaId: 'm', inMs: 0, outMs: 2000, speed: 2 })
  return t
}

describe('timeline layout', () => {
  it('places clips by their timeline span at the zoom', () => {
    expect(layoutClips(twoClips(), 100)).toEqual([
      { clipId: 'a', left: 0, width: 300 },
      { clipId: 'b', left: 300, width: 100 },
    ])
  })

  it('draws a transition as an overlap of the two blocks', () => {
    const t = setTransition(twoClips(), 'a', { type: 'crossfade', durationMs: 500 })
    const [a, b] = layoutClips(t, 100)
    expect(b?.left).toBe(250)
    expect((a?.left ?? 0) + (a?.width ?? 0)).toBe(300)
  })

  it('snaps to clip edges and markers within 8 px, not beyond', () => {
    const t = addMarker(twoClips(), { id: 'p', productId: 'prod', atMs: 1200 })
    const points = snapPoints(t)
    expect(points).toEqual([0, 1200, 3000, 4000])
    expect(snap(2950, points, 100)).toBe(3000) // 5 px away
    expect(snap(2900, points, 100)).toBe(2900) // 10 px away: no snap
    expect(snap(1230, points, 100)).toBe(1200)
  })

  it('keeps the zoom within its bounds and formats timecodes in frames', () => {
    expect(clampZoom(1)).toBe(10)
    expect(clampZoom(10_000)).toBe(400)
    expect(formatTimecode(0, 30)).toBe('0:00.00')
    expect(formatTimecode(61_500, 30)).toBe('1:01.15')
    expect(formatTimecode(1000 / 60, 60)).toBe('0:00.01')
  })
})

describe('timeline marks', () => {
  it('draws a transition over the overlap of the clips it joins, named for screen readers', () => {
    const t = setTransition(twoClips(), 'a', { type: 'slide', direction: 'up', durationMs: 500 })
    expect(layoutTransitions(t, 100)).toEqual([
      { clipId: 'a', left: 250, width: 50, label: 'Slide up 0.5 s' },
    ])
    expect(layoutTransitions(twoClips(), 100)).toEqual([])
  })

  it('keeps a transition visible when zoomed far out, centred on the overlap', () => {
    const t = setTransition(twoClips(), 'a', { type: 'crossfade', durationMs: 200 })
    const [mark] = layoutTransitions(t, 10)
    expect(mark?.width).toBe(MIN_MARK_PX)
    expect((mark?.left ?? 0) + MIN_MARK_PX / 2).toBeCloseTo(29)
  })

  it('places product tags on the ruler with their product and timecode', () => {
    const t = addMarker(twoClips(), { id: 'p', productId: 'SKU-1', atMs: 1500 })
    expect(layoutMarkers(t, 100)).toEqual([
      { id: 'p', left: 150, label: 'Product tag SKU-1 at 0:01.15' },
    ])
  })

  it('labels the ruler every second when zoomed in, sparser when zoomed out', () => {
    expect(rulerTicks(2500, 100).map((t) => [t.left, t.label])).toEqual([
      [0, '0:00'],
      [100, '0:01'],
      [200, '0:02'],
    ])
    expect(rulerTicks(60_000, 10).map((t) => t.label)).toEqual([
      '0:00',
      '0:10',
      '0:20',
      '0:30',
      '0:40',
      '0:50',
      '1:00',
    ])
    expect(rulerTicks(0, 80)).toEqual([{ ms: 0, left: 0, label: '0:00' }])
  })
})
