import { describe, expect, it } from 'vitest'
import {
  DEFAULT_FONT,
  TimelineError,
  createTimeline,
  parseTimeline,
  validateTimeline,
  type TimelineInput,
} from './model'

const clip = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  mediaId: 'm1',
  inMs: 0,
  outMs: 2000,
  ...extra,
})

const base = (extra: Partial<TimelineInput> = {}): TimelineInput => ({
  version: 1,
  clips: [clip('a'), clip('b')],
  ...extra,
})

function errorOf(input: unknown): string {
  const result = validateTimeline(input)
  if (result.ok) throw new Error('expected the timeline to be invalid')
  return result.error
}

describe('timeline model', () => {
  it('creates an empty 9:16, 30 fps timeline with defaults', () => {
    const t = createTimeline()
    expect(t).toEqual({
      version: 3,
      overlays: [],
      canvas: '1080x1920',
      fps: 30,
      clips: [],
      texts: [],
      images: [],
      effects: [],
      audio: { originalVolume: 1, muteOriginal: false },
      markers: [],
    })
    expect(createTimeline({ canvas: '1080x1080', fps: 60 })).toMatchObject({
      canvas: '1080x1080',
      fps: 60,
    })
  })

  it('fills clip, text and image defaults', () => {
    const t = parseTimeline(
      base({
        texts: [{ id: 't', text: 'Hi', startMs: 0, endMs: 1000 }],
        images: [{ id: 'i', mediaId: 'logo', startMs: 0, endMs: 1000 }],
        audio: { music: { mediaId: 'song' } },
      }),
    )
    expect(t.clips[0]).toEqual({
      id: 'a',
      mediaId: 'm1',
      inMs: 0,
      outMs: 2000,
      speed: 1,
      fit: 'fill',
      position: { x: 0.5, y: 0.5 },
      scale: 1,
      muted: false,
      effects: [],
    })
    expect(t.texts[0]).toMatchObject({ font: DEFAULT_FONT, size: 72, color: '#ffffff', x: 0.5 })
    expect(t.images[0]).toMatchObject({ width: 0.25, opacity: 1 })
    expect(t.audio.music).toEqual({
      mediaId: 'song',
      inMs: 0,
      startMs: 0,
      endMs: null,
      volume: 1,
      fadeInMs: 0,
      fadeOutMs: 0,
    })
  })

  it('accepts every feature together', () => {
    const t = parseTimeline(
      base({
        canvas: '720x1280',
        fps: 60,
        clips: [
          clip('a', {
            speed: 0.25,
            fit: 'crop',
            crop: { x: 0.1, y: 0.2, width: 0.5, height: 0.5 },
            effects: [
              { type: 'brightness', value: -0.2 },
              { type: 'lut', file: 'Teal Orange.cube' },
              { type: 'preset', name: 'noir' },
            ],
            transitionOut: { type: 'slide', direction: 'up', durationMs: 500 },
          }),
          clip('b', { speed: 4, outMs: 4000, muted: true }),
        ],
        effects: [{ type: 'vignette', angle: 0.5 }],
        markers: [{ id: 'p1', productId: 'sku-1', atMs: 1000 }],
      }),
    )
    expect(t.clips).toHaveLength(2)
  })

  it.each([
    [{ speed: 5 }, 'clips[0].speed: speed must be between 0.25× and 4×'],
    [{ speed: 0.1 }, 'speed must be between 0.25× and 4×'],
    [{ outMs: 0 }, 'clips[0].outMs: outMs must be after inMs'],
    [{ outMs: 50 }, 'a clip lasts at least 100 ms on the timeline'],
    [{ inMs: -5 }, 'clips[0].inMs: times cannot be negative'],
    [{ fit: 'crop' }, 'clips[0].crop: fit "crop" needs a crop rectangle'],
    [{ fit: 'stretch' }, 'fit is fit, fill or crop'],
    [
      { crop: { x: 0.6, y: 0, width: 0.6, height: 1 } },
      'the crop rectangle must lie inside the source',
    ],
    [{ position: { x: 1.5, y: 0 } }, 'position x must be between 0 and 1'],
    [{ id: 'bad id!' }, 'ids are 1–64 letters'],
    [{ effects: [{ type: 'brightness', value: 2 }] }, 'brightness must be between -1 and 1'],
    [{ effects: [{ type: 'lut', file: '../etc/passwd.cube' }] }, 'a LUT is a .cube file name'],
    [{ effects: [{ type: 'preset', name: 'sepia' }] }, 'preset must be one of warm, cool'],
    [{ effects: [{ type: 'sharpen' }] }, 'clips[0].effects[0].type'],
    [{ colour: 'red' }, 'clips[0]: Unrecognized key: "colour"'],
  ])('rejects clip %j with a clear message', (extra, message) => {
    expect(errorOf(base({ clips: [clip('a', extra)] }))).toContain(message)
  })

  it('rejects bad canvas, fps and version', () => {
    expect(errorOf(base({ canvas: '1920x1080' as never }))).toContain('canvas must be one of')
    expect(errorOf(base({ fps: 25 as never }))).toContain('fps must be 30 or 60')
    expect(errorOf({ ...base(), version: 4 })).toContain('saved by a newer version of Reeldesk')
  })

  it('reads a version 2 timeline as version 3: its overlays are heard, as their preview was', () => {
    const overlay = { id: 'o', mediaId: 'v', startMs: 0, inMs: 0, outMs: 1000 }
    const t = parseTimeline({ ...base(), version: 2, overlays: [overlay] })
    expect(t.version).toBe(3)
    expect(t.overlays[0]?.muted).toBe(false)
  })

  it('reads a version 1 timeline as the current version: music plays from the start to the end', () => {
    const t = parseTimeline({ version: 1, audio: { music: { mediaId: 'song', inMs: 500 } } })
    expect(t.version).toBe(3)
    expect(t.overlays).toEqual([])
    expect(t.audio.music).toMatchObject({ inMs: 500, startMs: 0, endMs: null })
  })

  it('validates overlay clips and music timing', () => {
    const overlay = { id: 'o', mediaId: 'v', startMs: 0, inMs: 0, outMs: 1000 }
    expect(parseTimeline({ ...base(), overlays: [overlay] }).overlays[0]).toMatchObject({
      track: 1,
      x: 0.5,
      width: 0.5,
      opacity: 1,
      speed: 1,
    })
    expect(errorOf({ ...base(), overlays: [{ ...overlay, track: 4 }] })).toContain(
      'overlay tracks are 1–3',
    )
    expect(errorOf({ ...base(), overlays: [overlay, overlay] })).toContain('duplicate overlay id')
    expect(errorOf({ ...base(), overlays: [{ ...overlay, outMs: 50 }] })).toContain(
      'at least 100 ms',
    )
    expect(
      errorOf({ ...base(), audio: { music: { mediaId: 's', startMs: 2000, endMs: 1000 } } }),
    ).toContain('the music must end after it starts')
  })

  it('says what is wrong in plain words, without paths or ids', () => {
    try {
      parseTimeline({ ...base(), texts: [{ id: 't', text: '', startMs: 5, endMs: 1 }] })
      throw new Error('expected a refusal')
    } catch (error) {
      expect(error).toBeInstanceOf(TimelineError)
      expect((error as TimelineError).userMessage).toBe(
        'Text cannot be empty. It must end after it starts.',
      )
    }
  })

  it('rejects duplicate ids', () => {
    expect(errorOf(base({ clips: [clip('a'), clip('a')] }))).toContain(
      'clips[1].id: duplicate clip id "a"',
    )
  })

  it('rejects a transition on the last clip', () => {
    const t = base({
      clips: [clip('a', { transitionOut: { type: 'crossfade', durationMs: 500 } })],
    })
    expect(errorOf(t)).toContain('clip "a" is last: no clip to transition into')
  })

  it('rejects transitions longer than the clips they join', () => {
    const t = base({
      clips: [
        clip('a', { transitionOut: { type: 'crossfade', durationMs: 1500 } }),
        clip('b', { outMs: 1000 }),
      ],
    })
    expect(errorOf(t)).toContain(
      'the 1500 ms transition between "a" and "b" is longer than the clips allow (at most 1000 ms)',
    )
    // Two transitions into and out of one clip must fit in it together.
    const both = base({
      clips: [
        clip('a', { transitionOut: { type: 'crossfade', durationMs: 1200 } }),
        clip('b', { transitionOut: { type: 'crossfade', durationMs: 1000 } }),
        clip('c'),
      ],
    })
    expect(errorOf(both)).toContain('longer than the clips allow')
  })

  it('rejects transitions outside 100–5000 ms and unknown slide directions', () => {
    const t = (transitionOut: unknown) => base({ clips: [clip('a', { transitionOut }), clip('b')] })
    expect(errorOf(t({ type: 'crossfade', durationMs: 50 }))).toContain(
      'transitions last 100–5000 ms',
    )
    expect(errorOf(t({ type: 'slide', direction: 'diagonal', durationMs: 500 }))).toContain(
      'slide direction is left, right, up or down',
    )
  })

  it('validates text overlays', () => {
    const text = (extra: Record<string, unknown>) =>
      base({ texts: [{ id: 't', text: 'Hi', startMs: 0, endMs: 1000, ...extra }] })
    expect(errorOf(text({ text: '' }))).toContain('texts[0].text: text cannot be empty')
    expect(errorOf(text({ color: 'red' }))).toContain('colors are written #rrggbb')
    expect(errorOf(text({ endMs: 0 }))).toContain('texts[0].endMs: endMs must be after startMs')
    expect(errorOf(text({ font: '/etc/x.ttf' }))).toContain('a font is a .ttf/.otf file name')
    expect(errorOf(text({ outlineWidth: 50 }))).toContain('outline is 0–20 px')
  })

  it('validates image overlays, audio and markers', () => {
    const image = { id: 'i', mediaId: 'logo', startMs: 0, endMs: 1000 }
    expect(errorOf(base({ images: [{ ...image, opacity: 2 }] }))).toContain('opacity is 0–1')
    expect(errorOf(base({ audio: { originalVolume: 3 } }))).toContain(
      'audio.originalVolume: volume must be between 0 and 2',
    )
    expect(errorOf(base({ audio: { music: { mediaId: 's', volume: -1 } } }))).toContain(
      'audio.music.volume',
    )
    expect(errorOf(base({ markers: [{ id: 'p', productId: '', atMs: 0 }] }))).toContain(
      'productId cannot be empty',
    )
  })

  it('parseTimeline throws a TimelineError listing every problem', () => {
    const bad = base({ clips: [clip('a', { speed: 9, fit: 'crop' })] })
    expect(() => parseTimeline(bad)).toThrow(TimelineError)
    expect(() => parseTimeline(bad)).toThrow(/^invalid timeline: .*speed.*; .*crop/)
    expect(() => parseTimeline('nope')).toThrow(TimelineError)
  })
})
