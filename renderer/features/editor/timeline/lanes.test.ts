import { describe, expect, it } from 'vitest'
import { parseTimeline } from '../../../../shared/timeline/model'
import { dragSnapPoints, fitZoom, layoutLanes, reorderIndex, snapDelta } from './lanes'

const t = parseTimeline({
  version: 2,
  clips: [
    { id: 'a', mediaId: 'v', inMs: 0, outMs: 2000 },
    { id: 'b', mediaId: 'v', inMs: 0, outMs: 1000 },
  ],
  texts: [{ id: 't', text: 'Hello', startMs: 500, endMs: 1500 }],
  overlays: [{ id: 'o', mediaId: 'p', track: 2, startMs: 1000, inMs: 0, outMs: 500 }],
  audio: { music: { mediaId: 'm', startMs: 250 } },
  markers: [{ id: 'k', productId: 'sku', atMs: 2500 }],
})

describe('timeline lanes', () => {
  it('stacks texts, overlay tracks (highest first), the main track and the music', () => {
    const lanes = layoutLanes(t, 100, { v: 'beach.mp4', p: 'pip.mp4', m: 'song.m4a' })
    expect(lanes.map((l) => l.name)).toEqual([
      'Text track',
      'Overlay track 2',
      'Overlay track 1',
      'Video track',
      'Music track',
    ])
    const main = lanes.find((l) => l.kind === 'main')
    expect(main?.items.map((i) => [i.left, i.width])).toEqual([
      [0, 200],
      [200, 100],
    ])
    expect(main?.items[0]?.label).toBe('Clip beach.mp4, 0:00.00 to 0:02.00')
    expect(lanes[1]?.items[0]).toMatchObject({ left: 100, width: 50, title: 'pip.mp4' })
    expect(lanes.at(-1)?.items[0]).toMatchObject({ startMs: 250, endMs: 3000 })
  })

  it('snaps a dragged edge to the playhead, clip edges, other items and tags, not to itself', () => {
    const points = dragSnapPoints(t, 1234, [{ kind: 'text', id: 't' }])
    expect(points).toEqual([0, 1000, 1234, 1500, 2000, 2500, 3000])
    // At 100 px/s the snap distance (8 px) is 80 ms: the text's start 500 + 460 lands at 960 → 1000.
    expect(snapDelta([500, 1500], 460, points, 100)).toEqual({ deltaMs: 500, at: 1000 })
    expect(snapDelta([500], 300, points, 100)).toEqual({ deltaMs: 300, at: null })
  })

  it('reorders by where the dragged clip is dropped, and fits the zoom', () => {
    expect(reorderIndex(t, 'a', 280, 100)).toBe(1)
    expect(reorderIndex(t, 'a', 10, 100)).toBe(0)
    expect(reorderIndex(t, 'b', 0, 100)).toBe(0)
    expect(fitZoom(10_000, 1000)).toBe(95)
  })
})
