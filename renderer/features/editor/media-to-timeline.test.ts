import { describe, expect, it } from 'vitest'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { addClip } from '../../../shared/timeline/edit'
import { createTimeline } from '../../../shared/timeline/model'
import { freeOverlayTrack, placeMedia, placeOverlay } from './media-to-timeline'

const base = sampleDocs().media
let n = 0
const newId = () => `id${++n}`

describe('placeMedia', () => {
  it('appends a video as a clip of its full length', () => {
    const video = { ...base, kind: 'video' as const, durationMs: 4200 }
    const t = placeMedia(video, newId).apply(createTimeline())
    expect(t.clips).toEqual([expect.objectContaining({ mediaId: video.id, inMs: 0, outMs: 4200 })])
  })

  it('makes an audio file the music track, replacing the previous one', () => {
    const audio = { ...base, kind: 'audio' as const, durationMs: 60_000 }
    const t = placeMedia(audio, newId).apply(createTimeline())
    expect(t.audio.music).toMatchObject({ mediaId: audio.id, volume: 1 })
  })

  it('lays an image over the whole video as a logo', () => {
    const video = { ...base, kind: 'video' as const, durationMs: 3000 }
    const image = {
      ...base,
      id: '01960000-0000-7000-8000-0000000000aa',
      kind: 'image' as const,
      durationMs: null,
    }
    const t = placeMedia(image, newId).apply(
      addClip(createTimeline(), { id: 'c', mediaId: video.id, inMs: 0, outMs: 3000 }),
    )
    expect(t.images).toEqual([
      expect.objectContaining({ mediaId: image.id, startMs: 0, endMs: 3000 }),
    ])
  })

  it('refuses a video whose duration is unknown, through the timeline rules', () => {
    const video = { ...base, kind: 'video' as const, durationMs: null }
    expect(() => placeMedia(video, newId).apply(createTimeline())).toThrow(/addClip/)
  })
})

describe('placeOverlay', () => {
  it('puts a video on the lowest overlay track free at the playhead', () => {
    const video = { ...base, kind: 'video' as const, durationMs: 2000 }
    let t = placeOverlay(video, 500, newId).apply(createTimeline())
    expect(t.overlays[0]).toMatchObject({
      track: 1,
      startMs: 500,
      inMs: 0,
      outMs: 2000,
      width: 0.4,
    })
    t = placeOverlay(video, 1000, newId).apply(t)
    expect(t.overlays[1]?.track).toBe(2)
    expect(freeOverlayTrack(t, 2500, 3000)).toBe(1)
  })
})
