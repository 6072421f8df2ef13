import { describe, expect, it } from 'vitest'
import type { MediaInfo, MediaInfoMap } from './media-info'
import { parseTimeline, type TimelineInput } from './model'
import { gainAt, previewSoundPieces, scheduleFrom, type SoundPiece } from './preview-sound'

const video = (fileName: string, extra: Partial<MediaInfo> = {}): MediaInfo => ({
  fileName,
  width: 1920,
  height: 1080,
  durationMs: 10000,
  hasAudio: true,
  rotation: 0,
  ...extra,
})
const media: MediaInfoMap = {
  a: video('/in/a.mp4'),
  b: video('/in/b.mp4'),
  silent: video('/in/silent.mp4', { hasAudio: false }),
  song: video('/in/song.m4a', { width: 1, height: 1, durationMs: 30000 }),
}
const pieces = (extra: Partial<TimelineInput>) =>
  previewSoundPieces(
    parseTimeline({
      version: 3,
      clips: [
        { id: 'c1', mediaId: 'a', inMs: 1000, outMs: 5000 },
        { id: 'c2', mediaId: 'b', inMs: 0, outMs: 4000 },
      ],
      ...extra,
    }),
    media,
  )

describe('previewSoundPieces', () => {
  it('lays each main clip where its picture is, from its in-point, at the original level', () => {
    const p = pieces({ audio: { originalVolume: 0.5, muteOriginal: false } })
    expect(p.map((x) => [x.kind, x.mediaId, x.startMs, x.endMs, x.sourceStartMs])).toEqual([
      ['clip', 'a', 0, 4000, 1000],
      ['clip', 'b', 4000, 8000, 0],
    ])
    expect(p[0]?.gains).toEqual([{ atMs: 0, gain: 0.5 }])
  })

  it('leaves out muted clips, clips without sound, and everything when the original is muted', () => {
    expect(
      pieces({
        clips: [
          { id: 'c1', mediaId: 'a', inMs: 0, outMs: 2000, muted: true },
          { id: 'c2', mediaId: 'silent', inMs: 0, outMs: 2000 },
          { id: 'c3', mediaId: 'b', inMs: 0, outMs: 2000 },
        ],
      }).map((x) => x.mediaId),
    ).toEqual(['b'])
    expect(pieces({ audio: { muteOriginal: true, originalVolume: 1 } })).toEqual([])
  })

  it('crossfades the clips over a transition with straight ramps, as acrossfade tri does', () => {
    const p = pieces({
      clips: [
        {
          id: 'c1',
          mediaId: 'a',
          inMs: 0,
          outMs: 4000,
          transitionOut: { type: 'crossfade', durationMs: 1000 },
        },
        { id: 'c2', mediaId: 'b', inMs: 0, outMs: 4000 },
      ],
    })
    expect(p[0]?.gains).toEqual([
      { atMs: 0, gain: 1 },
      { atMs: 3000, gain: 1 },
      { atMs: 4000, gain: 0 },
    ])
    expect(p[1]?.startMs).toBe(3000)
    expect(p[1]?.gains).toEqual([
      { atMs: 3000, gain: 0 },
      { atMs: 4000, gain: 1 },
    ])
    // Halfway through the overlap both are at half level.
    expect(gainAt(p[0]?.gains ?? [], 3500)).toBeCloseTo(0.5)
    expect(gainAt(p[1]?.gains ?? [], 3500)).toBeCloseTo(0.5)
  })

  it('plays a sped-up clip over its shorter span, its source running at the speed', () => {
    const p = pieces({ clips: [{ id: 'c1', mediaId: 'a', inMs: 0, outMs: 4000, speed: 2 }] })
    expect(p[0]).toMatchObject({ startMs: 0, endMs: 2000, speed: 2 })
  })

  it('adds unmuted overlay videos with sound and the music with its fades', () => {
    const p = pieces({
      overlays: [
        { id: 'o1', mediaId: 'b', startMs: 1000, inMs: 500, outMs: 2500 },
        { id: 'o2', mediaId: 'b', startMs: 1000, inMs: 0, outMs: 1000, muted: true },
      ],
      audio: {
        originalVolume: 1,
        muteOriginal: false,
        music: {
          mediaId: 'song',
          inMs: 2000,
          startMs: 500,
          volume: 0.8,
          fadeInMs: 1000,
          fadeOutMs: 2000,
        },
      },
    })
    const overlay = p.find((x) => x.kind === 'overlay')
    expect(overlay).toMatchObject({ startMs: 1000, endMs: 3000, sourceStartMs: 500 })
    expect(p.filter((x) => x.kind === 'overlay')).toHaveLength(1)
    const music = p.find((x) => x.kind === 'music')
    // The music runs to the video's end (8 s).
    expect(music).toMatchObject({ startMs: 500, endMs: 8000, sourceStartMs: 2000 })
    expect(music?.gains).toEqual([
      { atMs: 500, gain: 0 },
      { atMs: 1500, gain: 0.8 },
      { atMs: 6000, gain: 0.8 },
      { atMs: 8000, gain: 0 },
    ])
  })

  it('has no sound for an empty timeline', () => {
    expect(previewSoundPieces(parseTimeline({ version: 3, clips: [] }), media)).toEqual([])
  })
})

describe('scheduleFrom', () => {
  const piece: SoundPiece = {
    kind: 'clip',
    mediaId: 'a',
    startMs: 1000,
    endMs: 3000,
    sourceStartMs: 500,
    speed: 2,
    gains: [
      { atMs: 1000, gain: 0 },
      { atMs: 2000, gain: 1 },
    ],
  }

  it('starts a later piece after a delay, at its in-point', () => {
    expect(scheduleFrom([piece], 0)).toEqual([
      {
        piece,
        delayMs: 1000,
        offsetMs: 500,
        durationMs: 2000,
        gains: [
          { atMs: 1000, gain: 0 },
          { atMs: 2000, gain: 1 },
        ],
      },
    ])
  })

  it('starts a piece part-way at once, at the source time and gain due at the playhead', () => {
    const [s] = scheduleFrom([piece], 1500)
    expect(s).toMatchObject({ delayMs: 0, offsetMs: 1500, durationMs: 1500 })
    expect(s?.gains).toEqual([
      { atMs: 0, gain: 0.5 },
      { atMs: 500, gain: 1 },
    ])
  })

  it('drops pieces already over', () => {
    expect(scheduleFrom([piece], 3000)).toEqual([])
    expect(scheduleFrom([piece], 2999.5)).toEqual([])
  })
})
