import { describe, expect, it } from 'vitest'
import { addClip, addMarker, setTransition } from '../../../../shared/timeline/edit'
import { createTimeline } from '../../../../shared/timeline/model'
import { clampZoom, formatTimecode, layoutClips, snap, snapPoints } from './timeline-layout'

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
