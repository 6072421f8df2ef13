import { describe, expect, it } from 'vitest'
import {
  defaultCoverMs,
  POST_VIDEO_FACTS,
  postVideoProblems,
  type PostVideoProbe,
} from './post-video'

const good: PostVideoProbe = {
  mimeType: 'video/mp4; codecs="avc1.640028, mp4a.40.2"',
  sizeBytes: 12_000_000,
  durationMs: 75_000,
  width: 1080,
  height: 1920,
  fps: 30,
  videoCodec: 'avc',
}

const ids = (probe: Partial<PostVideoProbe>, max: number | null = 600) =>
  postVideoProblems({ ...good, ...probe }, max).map((p) => p.id)

describe('postVideoProblems', () => {
  it('accepts a 9:16 H.264 MP4 at 30 fps, and MOV / WebM with the listed codecs', () => {
    expect(ids({})).toEqual([])
    expect(ids({ mimeType: 'video/quicktime', videoCodec: 'hevc' })).toEqual([])
    expect(ids({ mimeType: 'video/webm', videoCodec: 'vp9', fps: 60 })).toEqual([])
  })

  it.each<[string, Partial<PostVideoProbe>, number | null, string]>([
    ['Matroska', { mimeType: 'video/x-matroska' }, 600, 'format'],
    [
      'audio only',
      { mimeType: 'audio/mp4', videoCodec: null, width: null, height: null },
      600,
      'no_picture',
    ],
    ['AV1', { videoCodec: 'av1' }, 600, 'codec'],
    ['over 4 GB', { sizeBytes: POST_VIDEO_FACTS.maxBytes + 1 }, 600, 'too_large'],
    ['2.9 s', { durationMs: 2_900 }, 600, 'too_short'],
    ['over the account maximum', { durationMs: 180_001 }, 180, 'too_long'],
    [
      'over the default 10 min when creator info is unknown',
      { durationMs: 600_001 },
      null,
      'too_long',
    ],
    ['320 px wide', { width: 320, height: 568 }, 600, 'too_small'],
    ['4320 px tall', { width: 2430, height: 4320 }, 600, 'too_big'],
    ['15 fps', { fps: 15 }, 600, 'fps'],
    ['120 fps', { fps: 120 }, 600, 'fps'],
  ])('refuses %s', (_name, probe, max, id) => {
    expect(ids(probe, max)).toEqual([id])
  })

  it('keeps the edges: exactly 3 s, exactly the maximum, 360 px, 4096 px, 23.976 and 59.94 fps', () => {
    expect(ids({ durationMs: 3_000 })).toEqual([])
    expect(ids({ durationMs: 180_000 }, 180)).toEqual([])
    expect(ids({ width: 360, height: 640 })).toEqual([])
    expect(ids({ width: 2304, height: 4096 })).toEqual([])
    expect(ids({ fps: 23.976 })).toEqual([])
    expect(ids({ fps: 59.94 })).toEqual([])
  })

  it('says what is wrong in plain words with the numbers, and lists every problem', () => {
    const problems = postVideoProblems(
      { ...good, mimeType: 'video/x-matroska', durationMs: 200_000, fps: 15 },
      180,
    )
    expect(problems.map((p) => p.id)).toEqual(['format', 'fps', 'too_long'])
    expect(problems[0]?.message).toContain('MP4, MOV or WebM')
    expect(problems[2]?.message).toBe(
      'The video is 3 min 20 s long; this account can post up to 3 min. Trim it in the editor.',
    )
  })
})

describe('defaultCoverMs', () => {
  it('is 1 s into a long video, a third into a short one, 0 for an empty one', () => {
    expect(defaultCoverMs(75_000)).toBe(1_000)
    expect(defaultCoverMs(1_500)).toBe(500)
    expect(defaultCoverMs(0)).toBe(0)
  })
})
